package io.hitgov.system.audit;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditVerifier.Anchor;
import io.hitgov.shared.audit.AuditVerifier.Report;
import io.hitgov.shared.GovernanceGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tamper-evident audit for the PMO and operators: {@code GET /api/audit/verify} recomputes every
 * chain and lists each break; with {@code chain}, {@code seq} and {@code hash} (a head copied earlier,
 * e.g. from an evidence export) it also checks that this entry is still in its chain.
 * {@code GET /api/audit/heads} lists every chain's head and the digest over all of them.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  static final Set<String> AUDITORS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.OPERATORS.id());

  private final AuditMonitor monitor;
  private final AuditChain chain;

  AuditController(AuditMonitor monitor, AuditChain chain) {
    this.monitor = monitor;
    this.chain = chain;
  }

  @GetMapping("/verify")
  Map<String, Object> verify(@RequestParam(required = false) String chain, @RequestParam(required = false) String seq,
      @RequestParam(required = false) String hash, Authentication user) {
    requireAnyGroup(user, AUDITORS, "verify the audit chains");
    List<Anchor> anchors = List.of();
    if (chain != null || seq != null || hash != null) {
      if (chain == null || chain.isBlank() || seq == null || hash == null) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "chain, seq and hash go together: the head to look for (missing: "
                + (chain == null || chain.isBlank() ? "chain " : "") + (seq == null ? "seq " : "")
                + (hash == null ? "hash" : "").trim() + ")");
      }
      if (!seq.matches("[1-9][0-9]{0,17}")) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "seq must be a positive whole number, not '" + seq + "'");
      }
      if (!hash.matches("[0-9a-fA-F]{64}")) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "hash must be 64 hexadecimal digits (SHA-256)");
      }
      anchors = List.of(new Anchor(chain, Long.parseLong(seq), hash));
    }
    Report report = monitor.verify(anchors);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("verifiedAt", report.verifiedAt());
    body.put("intact", report.intact());
    body.put("chainsChecked", report.chainsChecked());
    body.put("rows", report.rows());
    body.put("headsDigest", report.headsDigest());
    body.put("breaks", report.breaks());
    return body;
  }

  @GetMapping("/heads")
  Map<String, Object> heads(Authentication user) {
    requireAnyGroup(user, AUDITORS, "read the audit chain heads");
    List<AuditChain.Head> heads = chain.heads();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("digest", AuditChain.digest(heads));
    body.put("chains", heads);
    return body;
  }
}
