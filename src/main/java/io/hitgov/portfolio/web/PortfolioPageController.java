package io.hitgov.portfolio.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /portfolio}: the portfolio page (static HTML, its script reads {@code GET /api/portfolio}).
 * Behind the same login as the API: HTTP Basic or the webapps' session.
 */
@Controller
class PortfolioPageController {

  static final String PAGE = "static/portfolio/index.html";

  @GetMapping({"/portfolio", "/portfolio/"})
  ResponseEntity<String> page() throws IOException {
    try (InputStream html = new ClassPathResource(PAGE).getInputStream()) {
      return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
          .body(new String(html.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
