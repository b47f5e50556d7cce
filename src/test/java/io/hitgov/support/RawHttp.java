package io.hitgov.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A browser-like HTTP client for tests of the HTTP surface itself: any request header (a malformed
 * {@code Authorization}, an {@code X-Forwarded-For}), the response headers, and a cookie jar with
 * the webapps' CSRF token for their login and API.
 */
public final class RawHttp {

  private final String base;
  private final HttpClient client;
  private String csrfToken;

  private RawHttp(String base) {
    this.base = base;
    CookieManager cookies = new CookieManager();
    cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** A client with its own cookie jar. */
  public static RawHttp on(int port) {
    return new RawHttp("http://localhost:" + port);
  }

  /** HTTP Basic credentials as a header pair for {@link #get}. */
  public static String[] basic(String user, String password) {
    return new String[] {"Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
  }

  /** A GET with header name/value pairs. */
  public Exchange get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  /** A POST with a body and header name/value pairs. */
  public Exchange post(String path, String contentType, String body, String... headers) {
    return send(request(path, headers).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The webapps' login form, as Tasklist posts it (with its CSRF token); extra header pairs. */
  public Exchange webappLogin(String user, String password, String... headers) {
    return webappLogin("", "application/x-www-form-urlencoded", "username="
        + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8), headers);
  }

  /** A POST to the webapps' login with a query ("" or "?…"), content type and body as given; extra header pairs. */
  public Exchange webappLogin(String query, String contentType, String body, String... headers) {
    Exchange page = get("/camunda/api/engine/engine/", headers);
    page.header("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
    Exchange login = send(request("/camunda/api/admin/auth/user/default/login/tasklist" + query, headers)
        .header("Content-Type", contentType)
        .header("X-XSRF-TOKEN", csrfToken == null ? "" : csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    login.header("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
    return login;
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name/value pairs");
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private Exchange send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Exchange(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status, headers and body of one response. */
  public record Exchange(int status, java.net.http.HttpHeaders headers, String body) {

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public List<String> all(String name) {
      return headers.allValues(name);
    }

    @Override
    public String toString() {
      return status + " " + headers.map() + " " + body;
    }
  }
}
