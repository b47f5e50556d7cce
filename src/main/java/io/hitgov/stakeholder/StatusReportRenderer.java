package io.hitgov.stakeholder;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.hitgov.notification.MailTemplates;
import io.hitgov.notification.NotificationProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Renders a project's status report: HTML from the PMO's {@code status-report} template, and that HTML as PDF. */
@Service
public class StatusReportRenderer {

  private final MailTemplates templates;
  private final NotificationProperties properties;

  StatusReportRenderer(MailTemplates templates, NotificationProperties properties) {
    this.templates = templates;
    this.properties = properties;
  }


  /** The PMO's {@code status-report} template with the report's values (and the recipient's, for a mail). */
  public MailTemplates.Rendered html(StatusReport report, Map<String, ?> extra) {
    Map<String, Object> model = new java.util.LinkedHashMap<>(report.model());
    model.putAll(extra);
    model.putIfAbsent("recipientName", "");
    model.putIfAbsent("baseUrl", properties.link(""));
    model.put("reportLink", properties.link("/api/projects/" + report.project().projectId() + "/status-report"));
    return templates.render("status-report", model);
  }

  /**
   * The HTML rendering as PDF (openhtmltopdf). The template is parsed as XHTML without DOCTYPE or
   * entities, and the renderer loads nothing from anywhere: a template cannot make the server read
   * a file or fetch a URL.
   */
  public byte[] pdf(StatusReport report) {
    String html = html(report, Map.of()).body();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useUriResolver((base, uri) -> null);
      builder.withW3cDocument(xhtml(html, report.project().projectId()), properties.link("/"));
      builder.toStream(out);
      builder.run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Status report PDF of " + report.project().projectId() + " failed: "
          + e.getMessage(), e);
    }
  }

  private static org.w3c.dom.Document xhtml(String html, String projectId) {
    try {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      factory.setXIncludeAware(false);
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(html)));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
      throw new IllegalStateException("Template status-report is not well-formed XHTML (for the PDF of " + projectId
          + "): " + e.getMessage(), e);
    }
  }
}
