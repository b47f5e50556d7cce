package io.hitgov.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.MessageRow;
import io.hitgov.interop.InteropRecords.NewRound;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.interop.validation.Hl7v2Validator;
import io.hitgov.interop.validation.Issue;
import io.hitgov.interop.validation.MessageResult;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An interface's test rounds: messages validated with HAPI (results and a SHA-256 per message are
 * kept, never the message), and the four-eyes sign-offs of the readiness process.
 */
@Service
public class InterfaceTestRounds {

  /** One message's verdict as answered and stored. */
  public record Checked(int index, String sha256, MessageResult result) {}

  private static final TypeReference<List<Issue>> ISSUES = new TypeReference<>() {};

  private final InterfaceRepository repository;
  private final InteropRepository log;
  private final InterfaceInventory inventory;
  private final IdCounter ids;
  private final FhirValidation fhir;
  private final ObjectMapper json;
  private final Hl7v2Validator hl7 = new Hl7v2Validator();
  private final TransactionTemplate transaction;

  InterfaceTestRounds(InterfaceRepository repository, InteropRepository log, InterfaceInventory inventory,
      IdCounter ids, FhirValidation fhir, ObjectMapper json, PlatformTransactionManager transactionManager) {
    this.repository = repository;
    this.log = log;
    this.inventory = inventory;
    this.ids = ids;
    this.fhir = fhir;
    this.json = json;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Validates an upload (outside any transaction: a large FHIR batch takes seconds), then stores
   * its round and per-message results (hash and issues, never the message) in one transaction.
   */
  NewRound validateRound(Interface i, String roundName, String environment, List<String> messages, String user) {
    boolean production = "PRODUCTION".equals(environment);
    List<Checked> checked = new ArrayList<>();
    for (int index = 0; index < messages.size(); index++) {
      String message = messages.get(index);
      MessageResult result = "HL7V2".equals(i.standard())
          ? hl7.validate(message, i.version(), i.messageTypeList(), production)
          : fhir.validator().validate(message, i.messageTypeList());
      checked.add(new Checked(index, sha256(message), result));
    }
    return transaction.execute(status -> storeRound(i, roundName, environment, checked, user));
  }

  private NewRound storeRound(Interface i, String roundName, String environment, List<Checked> checked, String user) {
    String roundId = "TR-" + i.projectId() + "-" + i.interfaceId() + "-"
        + ids.next("TR/" + i.projectId() + "/" + i.interfaceId());
    int valid = (int) checked.stream().filter(c -> c.result().valid()).count();
    int errors = checked.stream().mapToInt(c -> (int) c.result().issues().stream().filter(Issue::error).count()).sum();
    int warnings = checked.stream().mapToInt(c -> (int) c.result().issues().stream()
        .filter(x -> Issue.WARNING.equals(x.severity())).count()).sum();
    NewRound round = new NewRound(roundId, i.projectId(), i.interfaceId(), roundName, i.generation(), environment, user,
        EngineClock.now(), checked.size(), valid, errors, warnings);
    repository.insert(round);
    for (Checked c : checked) {
      repository.insert(new MessageRow(null, roundId, c.index(), c.sha256(), c.result().messageType(),
          c.result().valid(), toJson(c.result().issues())));
    }
    log.event(i.projectId(), i.interfaceId(), EngineClock.now(), user, "TEST_ROUND", roundId + " (" + environment
        + "): " + valid + " of " + checked.size() + " valid, " + errors + " errors, " + warnings + " warnings");
    return round;
  }

  public List<Map<String, Object>> results(String roundId) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (MessageRow row : repository.messages(roundId)) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("index", row.messageIndex());
      one.put("valid", row.valid());
      one.put("messageType", row.messageType());
      one.put("sha256", row.contentSha256());
      one.put("issues", fromJson(row.issues()));
      results.add(one);
    }
    return results;
  }

  List<TestRound> rounds(String projectId, String interfaceId) {
    return repository.rounds(projectId, interfaceId);
  }

  /** The latest round of the interface's current generation, if any. */
  Optional<TestRound> latestCurrentRound(String projectId, String interfaceId) {
    Interface i = inventory.get(projectId, interfaceId);
    return repository.rounds(projectId, interfaceId).stream().filter(r -> r.generation() == i.generation())
        .reduce((a, b) -> b);
  }

  /**
   * Signs a round: the person who uploaded it never signs it (four-eyes), the CMIO signs after the
   * integration lead and is another person, and only a passed round of the current generation is signed.
   */
  public void signOff(String roundId, boolean cmio, String user) {
    TestRound round = repository.round(roundId).orElseThrow(() -> new InvalidVariablesException(
        "testRoundId '" + roundId + "' is not a test round"));
    if (user.equals(round.uploadedBy())) {
      throw new AuthorizationException("User '" + user + "' uploaded test round " + roundId
          + " and cannot sign it (four-eyes)");
    }
    if (cmio && user.equals(round.integrationSignedBy())) {
      throw new AuthorizationException("User '" + user + "' signed test round " + roundId
          + " as integration lead; the CMIO sign-off must come from another person (four-eyes)");
    }
    Interface i = inventory.get(round.projectId(), round.interfaceId());
    if (round.generation() != i.generation()) {
      throw new InvalidVariablesException("test round " + roundId + " predates the change "
          + i.changedByChange() + " of interface " + i.interfaceId() + ": decline and upload a new round");
    }
    if (!round.passed()) {
      throw new InvalidVariablesException("test round " + roundId + " did not pass (" + round.validMessages() + " of "
          + round.messages() + " valid): decline and upload a new round");
    }
    if (cmio) {
      repository.signCmio(roundId, user, EngineClock.now());
    } else {
      repository.signIntegration(roundId, user, EngineClock.now());
    }
    log.event(round.projectId(), round.interfaceId(), EngineClock.now(), user, cmio ? "SIGNED_CMIO"
        : "SIGNED_INTEGRATION", roundId);
  }

  public void declined(String roundId, String user, String comment) {
    repository.round(roundId).ifPresent(round -> log.event(round.projectId(), round.interfaceId(),
        EngineClock.now(), user, "SIGN_OFF_DECLINED", roundId + (comment == null ? "" : ": " + comment)));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String toJson(List<Issue> issues) {
    try {
      return json.writeValueAsString(issues);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Issue> fromJson(String text) {
    try {
      return json.readValue(text, ISSUES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
