package io.hitgov.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response of every surface: the webapps, {@code /engine-rest},
 * {@code /api} and Actuator, whichever component answers (including 401s of the authentication
 * filters and error pages). The webapps' Content-Security-Policy is Camunda's
 * ({@code camunda.bpm.webapp.header-security.*}); data responses get one that allows nothing,
 * since they are not pages. Data responses are {@code Cache-Control: no-store}, whatever the
 * component behind tries to set; the webapps' static assets may be cached.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

  static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
  /**
   * HITGov's own pages (landing and sign-in page, Swagger UI, the portfolio page with its bundled chart library): scripts, styles and images from the
   * application only; inline styles for Swagger UI, no inline scripts.
   */
  static final String PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
      + "magnetometer=(), microphone=(), payment=(), usb=()";

  private final String strictTransportSecurity;

  /** @param hstsMaxAgeSeconds the HSTS max-age, or a negative number for no HSTS header */
  SecurityHeadersFilter(long hstsMaxAgeSeconds) {
    this.strictTransportSecurity = hstsMaxAgeSeconds < 0 ? null : "max-age=" + hstsMaxAgeSeconds;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    if (strictTransportSecurity != null) {
      // Sent over plain HTTP too: TLS ends at the load balancer, and browsers ignore it without TLS.
      response.setHeader("Strict-Transport-Security", strictTransportSecurity);
    }
    if (isPage(path)) {
      response.setHeader("Content-Security-Policy", PAGE_CONTENT_SECURITY_POLICY);
      chain.doFilter(request, response);
    } else if (isData(path)) {
      // The webapps' pages get Camunda's policy; their API keeps it if Camunda's header filter is reached.
      response.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      response.setHeader(HttpHeaders.PRAGMA, "no-cache");
      chain.doFilter(request, new NoStore(response));
    } else {
      chain.doFilter(request, response);
    }
  }

  static boolean isWebapp(String path) {
    return path.equals("/camunda") || path.startsWith("/camunda/");
  }

  /** HITGov's own pages and their assets, outside the webapps. */
  static boolean isPage(String path) {
    return path.equals("/") || path.equals("/login") || path.startsWith("/hitgov/") || path.equals("/api/docs")
        || path.startsWith("/api/swagger-ui/") || path.equals("/portfolio") || path.startsWith("/portfolio/")
        || path.startsWith("/webjars/");
  }

  /** Everything except the webapps' pages and assets: REST, API, Actuator and the webapps' own API. */
  static boolean isData(String path) {
    return !isWebapp(path) || path.startsWith("/camunda/api/");
  }

  /** Keeps {@code Cache-Control: no-store}: Camunda's REST filters would set {@code no-cache}. */
  private static final class NoStore extends HttpServletResponseWrapper {

    NoStore(HttpServletResponse response) {
      super(response);
    }

    private static boolean cacheHeader(String name) {
      return HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) || HttpHeaders.PRAGMA.equalsIgnoreCase(name)
          || HttpHeaders.EXPIRES.equalsIgnoreCase(name);
    }

    @Override
    public void setHeader(String name, String value) {
      if (!cacheHeader(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!cacheHeader(name)) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setDateHeader(String name, long date) {
      if (!cacheHeader(name)) {
        super.setDateHeader(name, date);
      }
    }

    @Override
    public void addDateHeader(String name, long date) {
      if (!cacheHeader(name)) {
        super.addDateHeader(name, date);
      }
    }
  }
}
