package io.hitgov.notification;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The e-mail and report templates a PMO edits: logic-less Mustache files in
 * {@code hitgov.notification.templates-location} (docs/notifications.md). A file is
 * {@code <name>.txt.mustache} (plain text) or {@code <name>.html.mustache} (HTML, every value
 * escaped); its first line is {@code Subject: …}, the rest the body.
 *
 * <p>A template must not become a way to run code: values come from plain maps and lists that HITGov
 * fills with ids, names, dates and outcomes, and the compiler's collector reads maps, lists and
 * iterables only, never an object's methods or fields ({@code {{projectName.class}}} is empty).
 */
@Component
public class MailTemplates {

  /** A rendered template. */
  public record Rendered(String subject, String body, String contentType) {}

  static final String SUBJECT = "Subject:";

  private final ResourceLoader resources;
  private final NotificationProperties properties;
  /** Templates inside the application (a {@code classpath:} location) cannot change: compiled once. */
  private final Map<String, Compiled> packaged = new ConcurrentHashMap<>();

  private record Compiled(Template subject, Template body, boolean html) {}

  public MailTemplates(ResourceLoader resources, NotificationProperties properties) {
    this.resources = resources;
    this.properties = properties;
  }

  /** The compiler: maps and lists only (no reflection), missing values empty. */
  static Mustache.Compiler compiler(boolean html) {
    return Mustache.compiler().escapeHTML(html).defaultValue("").withCollector(new BasicCollector() {
      @Override
      public <K, V> Map<K, V> createFetcherCache() {
        return new ConcurrentHashMap<>(); // compiled templates are shared by the job threads
      }
    });
  }

  /**
   * Renders template {@code name} with {@code model} (maps, lists, strings, numbers, booleans only).
   * A missing or broken template is an {@link IllegalStateException} naming the file.
   */
  public Rendered render(String name, Map<String, ?> model) {
    Compiled template = location().startsWith("classpath:")
        ? packaged.computeIfAbsent(name, this::compile) : compile(name);
    try {
      return new Rendered(oneLine(template.subject().execute(model)), template.body().execute(model),
          template.html() ? "text/html" : "text/plain");
    } catch (MustacheException e) {
      throw new IllegalStateException("Mail template " + name + ": " + e.getMessage(), e);
    }
  }

  /** Reads and compiles template {@code name}: a folder outside the application is read every time (a PMO edits it). */
  private Compiled compile(String name) {
    boolean html = true;
    Resource resource = resources.getResource(location() + name + ".html.mustache");
    if (!resource.exists()) {
      html = false;
      resource = resources.getResource(location() + name + ".txt.mustache");
    }
    if (!resource.exists()) {
      throw new IllegalStateException("No mail template " + name + " (.txt.mustache or .html.mustache) in "
          + location());
    }
    String text;
    try (InputStream in = resource.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new IllegalStateException("Mail template " + name + " cannot be read: " + e.getMessage(), e);
    }
    int newline = text.indexOf('\n');
    if (!text.startsWith(SUBJECT) || newline < 0) {
      throw new IllegalStateException("Mail template " + name + ": the first line must be 'Subject: …'");
    }
    try {
      return new Compiled(compiler(false).compile(text.substring(SUBJECT.length(), newline).strip()),
          compiler(html).compile(text.substring(newline + 1).stripLeading()), html);
    } catch (MustacheException e) {
      throw new IllegalStateException("Mail template " + name + ": " + e.getMessage(), e);
    }
  }

  private String location() {
    String location = properties.templatesLocation();
    return location.endsWith("/") ? location : location + "/";
  }

  private static String oneLine(String subject) {
    String line = subject.replaceAll("[\\r\\n]+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
