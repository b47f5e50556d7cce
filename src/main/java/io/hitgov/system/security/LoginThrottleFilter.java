package io.hitgov.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.system.security.LoginThrottle.Surface;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts every login of every surface through {@link LoginThrottle}: HTTP Basic on
 * {@code /engine-rest}, {@code /api} and Actuator, and the webapps' login form
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}). A client that is refused gets
 * 429 with {@code Retry-After} and its password is not checked. Runs before Camunda's and Spring
 * Security's filters, so it also answers a malformed {@code Authorization} header (not Basic, not
 * Base64, no {@code user:password}) with 401 and a JSON body instead of letting it through to an
 * error page.
 *
 * <p>A login failed when its response is 401 (every failed password check ends in one); it
 * succeeded when the authentication filter behind marked the request with
 * {@link #AUTHENTICATED_USER}, or when the webapp login answered 200. Anything else (a request
 * rejected before its password was checked) counts as neither.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  /** Request attribute: the user the authentication filter behind this one authenticated. */
  static final String AUTHENTICATED_USER = LoginThrottleFilter.class.getName() + ".authenticatedUser";
  static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");
  static final int MAX_LOGIN_FORM_BYTES = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoginThrottle throttle;
  private final ClientAddress clientAddress;
  private final IdentityService identityService;

  LoginThrottleFilter(LoginThrottle throttle, ClientAddress clientAddress, IdentityService identityService) {
    this.throttle = throttle;
    this.clientAddress = clientAddress;
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = TaskCompletionFilter.normalizedPath(request).substring(request.getContextPath().length());
    if (SecurityHeadersFilter.isWebapp(path)) {
      if ("POST".equalsIgnoreCase(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches()) {
        webappLogin(request, response, chain);
      } else {
        chain.doFilter(request, response);
      }
      return;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null) {
      chain.doFilter(request, response);
      return;
    }
    Surface surface = path.startsWith("/engine-rest/") || path.equals("/engine-rest") ? Surface.ENGINE_REST : Surface.API;
    String user = basicUser(authorization);
    if (user == null) {
      String realm = surface == Surface.ENGINE_REST ? "default" : "HITGov";
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
      json(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationException",
          "Malformed Authorization header: send HTTP Basic credentials, Base64 of user:password");
      return;
    }
    guarded(request, response, chain, surface, user, request);
  }

  private void webappLogin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      // Camunda's login reads form fields only, and fails with a 500 on any other body
      json(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "InvalidRequestException",
          "The login takes a form: Content-Type application/x-www-form-urlencoded with username and password");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_FORM_BYTES + 1);
    if (body.length > MAX_LOGIN_FORM_BYTES) {
      json(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException", "The login form is too large");
      return;
    }
    FormBody form = new FormBody(request, body);
    String user = form.field("username"); // the body's, as Camunda reads it: a username in the query is no decoy
    if (user == null || user.isEmpty()) {
      chain.doFilter(form, response);
      return;
    }
    guarded(request, response, chain, Surface.WEBAPP, user, form);
  }

  /** The login of {@code user} through the throttle; {@code forward} is the request to pass on. */
  private void guarded(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Surface surface,
      String user, HttpServletRequest forward) throws ServletException, IOException {
    if (!throttle.enabled()) {
      chain.doFilter(forward, response);
      return;
    }
    String client = clientAddress.of(request);
    LoginThrottle.Standing standing = throttle.standing(client, user);
    Optional<Duration> refused = standing.refusal();
    if (refused.isPresent()) {
      throttle.failed(client, user, surface, true);
      long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      json(response, 429, "LoginThrottled", "Too many failed logins from this client; try again in " + seconds
          + " seconds");
      return;
    }
    chain.doFilter(forward, response);
    if (user.equals(request.getAttribute(AUTHENTICATED_USER))
        || surface == Surface.WEBAPP && response.getStatus() == HttpServletResponse.SC_OK) {
      if (standing.failuresOnRecord()) {
        throttle.succeeded(client, user);
      }
    } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED
        && !(surface == Surface.WEBAPP && forward instanceof FormBody form
            && rightPasswordWithoutAppAccess(user, form.field("password")))) {
      throttle.failed(client, user, surface, false);
    }
  }

  /** The webapp login also answers 401 to a right password of a user without access to that app. */
  private boolean rightPasswordWithoutAppAccess(String user, String password) {
    return password != null && identityService.checkPassword(user, password);
  }

  /** The user of well-formed HTTP Basic credentials, or null. */
  static String basicUser(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon <= 0 ? null : decoded.substring(0, colon);
  }

  static void json(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getWriter(), Map.of("type", type, "message", message));
  }

  /** Marks a request that an authentication filter authenticated (see {@link #AUTHENTICATED_USER}). */
  static void markAuthenticated(HttpServletRequest request, String user) {
    request.setAttribute(AUTHENTICATED_USER, user);
  }

  /** A urlencoded login form, read once here and available again to Camunda's login resource. */
  static final class FormBody extends CachedBodyRequest {
    private final Map<String, String[]> parameters;
    private final Map<String, String[]> fields;

    FormBody(HttpServletRequest request, byte[] body) {
      super(request, body);
      Map<String, String[]> inBody = new LinkedHashMap<>();
      addPairs(inBody, new String(body, StandardCharsets.ISO_8859_1));
      Map<String, String[]> all = new LinkedHashMap<>();
      addPairs(all, request.getQueryString());
      addPairs(all, new String(body, StandardCharsets.ISO_8859_1));
      this.fields = Collections.unmodifiableMap(inBody);
      this.parameters = Collections.unmodifiableMap(all);
    }

    /**
     * A field of the form in the body, the first if repeated: what Camunda's login reads
     * ({@code @FormParam}), whatever the query string says.
     */
    String field(String name) {
      String[] values = fields.get(name);
      return values == null ? null : values[0];
    }

    private static void addPairs(Map<String, String[]> into, String encoded) {
      if (encoded == null || encoded.isEmpty()) {
        return;
      }
      for (String pair : encoded.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        into.merge(name, new String[] {value}, (a, b) -> {
          String[] merged = java.util.Arrays.copyOf(a, a.length + 1);
          merged[a.length] = b[0];
          return merged;
        });
      }
    }

    private static String decode(String value) {
      try {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return value;
      }
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }
}
