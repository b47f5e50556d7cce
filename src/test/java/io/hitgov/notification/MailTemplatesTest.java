package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The PMO's mail templates are logic-less: values from maps and lists only, never an object's
 * methods; HTML templates escape every value; a template without its subject line is refused.
 */
class MailTemplatesTest {

  @TempDir Path folder;

  MailTemplates templates() {
    NotificationProperties properties = new NotificationProperties(true, "hitgov@localhost", "http://localhost:8080",
        folder.toUri().toString(), false, 0, List.of(), 7, 5, 2, java.time.Duration.ofMinutes(5), 100, 25);
    return new MailTemplates(new DefaultResourceLoader(), properties);
  }

  @Test
  void a_text_template_renders_values_and_sections_and_takes_its_subject_from_the_first_line() throws Exception {
    Files.writeString(folder.resolve("hello.txt.mustache"),
        "Subject: Hello {{name}}\n\n{{#items}}- {{id}}\n{{/items}}{{^items}}none{{/items}}<{{name}}>\n");
    MailTemplates.Rendered mail = templates().render("hello", Map.of("name", "EHR-1 & co",
        "items", List.of(Map.of("id", "RISK-1"), Map.of("id", "RISK-2"))));
    assertThat(mail.subject()).isEqualTo("Hello EHR-1 & co");
    assertThat(mail.body()).isEqualTo("- RISK-1\n- RISK-2\n<EHR-1 & co>\n");
    assertThat(mail.contentType()).isEqualTo("text/plain");
  }

  @Test
  void a_template_cannot_reach_an_objects_methods() throws Exception {
    Files.writeString(folder.resolve("probe.txt.mustache"),
        "Subject: {{name.class}}\n[{{name.class}}][{{name.length}}][{{name.bytes}}][{{#name.class}}x{{/name.class}}]"
            + "[{{items.size}}][{{model.getClass}}]\n");
    MailTemplates.Rendered mail = templates().render("probe", Map.of("name", "EHR-1", "items", List.of("a"),
        "model", new Object()));
    assertThat(mail.subject()).isEmpty();
    assertThat(mail.body()).isEqualTo("[][][][][][]\n");
  }

  @Test
  void an_html_template_escapes_every_value() throws Exception {
    Files.writeString(folder.resolve("page.html.mustache"), "Subject: {{title}}\n<p>{{title}}</p>\n");
    MailTemplates.Rendered mail = templates().render("page", Map.of("title", "<script>alert('x')</script>"));
    assertThat(mail.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(mail.subject()).isEqualTo("<script>alert('x')</script>");
    assertThat(mail.contentType()).isEqualTo("text/html");
  }

  @Test
  void a_missing_template_or_subject_line_is_refused_naming_the_template() throws Exception {
    assertThatThrownBy(() -> templates().render("nothing", Map.of())).hasMessageContaining("No mail template nothing");
    Files.writeString(folder.resolve("bare.txt.mustache"), "Hello\n");
    assertThatThrownBy(() -> templates().render("bare", Map.of())).hasMessageContaining("bare")
        .hasMessageContaining("Subject:");
  }

  @Test
  void a_template_in_a_folder_is_read_again_after_the_pmo_edits_it() throws Exception {
    MailTemplates templates = templates();
    Files.writeString(folder.resolve("note.txt.mustache"), "Subject: Before {{projectId}}\nold\n");
    assertThat(templates.render("note", Map.of("projectId", "EHR-1")).subject()).isEqualTo("Before EHR-1");
    Files.delete(folder.resolve("note.txt.mustache"));
    Files.writeString(folder.resolve("note.html.mustache"), "Subject: After {{projectId}}\n<p>new</p>\n");
    MailTemplates.Rendered edited = templates.render("note", Map.of("projectId", "EHR-1"));
    assertThat(edited.subject()).isEqualTo("After EHR-1");
    assertThat(edited.contentType()).isEqualTo("text/html");
  }

  @Test
  void the_shipped_templates_render() {
    NotificationProperties properties = new NotificationProperties(true, "hitgov@localhost", "http://localhost:8080",
        "classpath:mail-templates/", false, 0, List.of(), 7, 5, 2, java.time.Duration.ofMinutes(5), 100, 25);
    MailTemplates shipped = new MailTemplates(new DefaultResourceLoader(), properties);
    for (String name : List.of("task-assigned", "escalation", "stalled-project", "gate-decision", "digest",
        "status-report", "portfolio-pack")) {
      MailTemplates.Rendered mail = shipped.render(name, Map.of("projectId", "EHR-1"));
      assertThat(mail.subject()).as(name).startsWith("[HITGov]");
      assertThat(mail.body()).as(name).isNotBlank();
      assertThat(shipped.render(name, Map.of("projectId", "EHR-2")).subject()).as("%s compiled once, rendered again", name)
          .isEqualTo(mail.subject().replace("EHR-1", "EHR-2"));
    }
  }
}
