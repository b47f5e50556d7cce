package io.hitgov.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A small HTTP client for tests that talk to the running application exactly as Camunda Modeler,
 * Tasklist's REST calls or a customer's script would: real HTTP, real Basic credentials.
 */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  private Http(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** A request body as JSON (a map of fields, say). */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Http on(int port) {
    return new Http("http://localhost:" + port, null);
  }

  /** A client for another base URL, e.g. a node of the cluster tests or their load balancer. */
  public static Http at(String base) {
    return new Http(base, null);
  }

  public Http as(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Http(base, "Basic " + token);
  }

  /** A demo user (password {@code demo}). */
  public Http as(String user) {
    return as(user, "demo");
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** A GET with an explicit Accept header (content negotiation). */
  public Response get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  /** A GET whose body is binary (a PDF), with its status and content type. */
  public Bytes getBytes(String path) {
    try {
      HttpResponse<byte[]> response = CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response putJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** Status, content type and body of a binary response. */
  public record Bytes(int status, String contentType, byte[] body) {}

  public Response postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST with an explicit content type, for checks of how the server reads it. */
  public Response post(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart deployment of in-memory resources, as Camunda Modeler sends it. */
  public Response deployBytes(String deploymentName, Map<String, byte[]> resources) {
    try {
      Path folder = Files.createTempDirectory("hitgov-deploy");
      Map<String, Path> files = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
        Path file = folder.resolve(String.valueOf(files.size()));
        Files.write(file, resource.getValue());
        files.put(resource.getKey(), file);
      }
      return deploy(deploymentName, files);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A multipart deployment as Camunda Modeler sends it to {@code /deployment/create}. */
  public Response deploy(String deploymentName, Map<String, Path> files) {
    String boundary = "----hitgov" + UUID.randomUUID();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", deploymentName);
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "false");
    StringBuilder head = new StringBuilder();
    fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
        .append(value).append("\r\n"));
    var body = new java.io.ByteArrayOutputStream();
    try {
      body.write(head.toString().getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, Path> file : files.entrySet()) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
            + "\"; filename=\"" + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file.getValue()));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return send(request("/engine-rest/deployment/create")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder builder) {
    if (builder.build().headers().firstValue("Accept").isEmpty()) {
      builder.header("Accept", "application/json, */*;q=0.8");
    }
    try {
      HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status and body of one response. */
  public record Response(int status, String body) {
    public com.fasterxml.jackson.databind.JsonNode json() {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
