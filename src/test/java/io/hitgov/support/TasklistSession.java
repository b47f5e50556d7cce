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

/**
 * Speaks to the engine the way Camunda Tasklist does: a webapp session (login form, session cookie)
 * and its CSRF token, then the webapps' engine API under {@code /camunda/api/engine/engine/default}.
 */
public final class TasklistSession {

  private final String base;
  private final HttpClient client;
  private String csrfToken;

  private TasklistSession(String base) {
    this.base = base;
    CookieManager cookies = new CookieManager();
    cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  private TasklistSession(String base, HttpClient client) {
    this.base = base;
    this.client = client;
  }

  /** Logs {@code user} (password {@code demo}) into Tasklist on the given port. */
  public static TasklistSession login(int port, String user) {
    return loginAt("http://localhost:" + port, user);
  }

  /** Logs {@code user} (password {@code demo}) into Tasklist at {@code base}, e.g. a load balancer. */
  public static TasklistSession loginAt(String base, String user) {
    TasklistSession session = new TasklistSession(base);
    session.refreshToken();
    Http.Response login = session.send(HttpRequest.newBuilder(URI.create(session.base
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=demo")));
    if (login.status() != 200) {
      throw new AssertionError("Tasklist login of " + user + " failed: " + login);
    }
    session.refreshToken();
    return session;
  }

  private void refreshToken() {
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base
          + "/camunda/api/engine/engine/")).GET().build(), HttpResponse.BodyHandlers.ofString());
      response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs a path of this session's base (with its session cookie), e.g. {@code /camunda/api/admin/auth/user/default}. */
  public Http.Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** The same session (cookie jar and CSRF token) against another base URL on the same host. */
  public TasklistSession via(String otherBase) {
    TasklistSession other = new TasklistSession(otherBase, client);
    other.csrfToken = csrfToken;
    return other;
  }

  /** POSTs JSON to the webapps' engine API, e.g. {@code task/{id}/claim}. */
  public Http.Response postJson(String enginePath, String json) {
    return postJsonAt("/camunda/api/engine/engine/default/" + enginePath, json);
  }

  /** POSTs JSON to any path of the webapps' APIs, e.g. Cockpit's {@code /camunda/api/cockpit/plugin/…}. */
  public Http.Response postJsonAt(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** GETs from the webapps' engine API, e.g. {@code task/{id}}. */
  public Http.Response getEngine(String enginePath) {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default/" + enginePath)).GET());
  }

  private Http.Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Http.Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
