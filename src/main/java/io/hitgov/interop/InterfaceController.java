package io.hitgov.interop;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;
import static io.hitgov.shared.web.ApiAccess.requireOwnProject;

import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.NewInterface;
import io.hitgov.interop.InteropRecords.NewRound;
import io.hitgov.interop.InteropRecords.TestRound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.project.ProjectDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The interface inventory and its test messages (docs/contract.md#hitgovs-api-today): register and
 * list a project's interfaces, upload a round of HL7 v2 or FHIR R4 test messages and read a round's
 * results. Message bodies are validated and forgotten: only each message's SHA-256 and issues are kept.
 */
@RestController
class InterfaceController {

  static final Set<String> OWNERS = Set.of(GovernanceGroup.INTEGRATION.id(), GovernanceGroup.PROJECT_MANAGERS.id(),
      GovernanceGroup.PMO.id(), GovernanceGroup.OPERATORS.id());
  static final Set<String> UPLOADERS = Set.of(GovernanceGroup.INTEGRATION.id(),
      GovernanceGroup.PROJECT_MANAGERS.id(), GovernanceGroup.OPERATORS.id());
  static final Set<String> FIELDS = Set.of("interfaceId", "name", "sourceSystem", "targetSystem", "direction",
      "standard", "version", "messageTypes", "dailyVolume", "owner", "goLiveCritical", "clinical");
  static final Pattern HL7_TYPE = Pattern.compile("[A-Z0-9]{3}\\^[A-Z0-9]{3}");
  static final Pattern FHIR_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
  static final Set<String> ROUND_FIELDS = Set.of("round", "environment", "messages");

  private final InterfaceInventory service;
  private final InterfaceTestRounds testRounds;
  private final ProjectDirectory projects;
  private final InteropProperties properties;
  private final ObjectMapper json;

  InterfaceController(InterfaceInventory service, InterfaceTestRounds testRounds, ProjectDirectory projects,
      InteropProperties properties, ObjectMapper json) {
    this.service = service;
    this.testRounds = testRounds;
    this.projects = projects;
    this.properties = properties;
    this.json = json;
  }

  @GetMapping("/api/projects/{projectId}/interfaces")
  List<Map<String, Object>> list(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, OWNERS, "read the interface inventory");
    requireProject(projectId);
    return service.interfaces(projectId).stream().map(this::view).toList();
  }

  @GetMapping("/api/projects/{projectId}/interfaces/{interfaceId}")
  Map<String, Object> one(@PathVariable String projectId, @PathVariable String interfaceId, Authentication user) {
    requireAnyGroup(user, OWNERS, "read the interface inventory");
    Interface i = requireInterface(projectId, interfaceId);
    Map<String, Object> answer = view(i);
    answer.put("rounds", testRounds.rounds(projectId, interfaceId));
    return answer;
  }

  @PostMapping("/api/projects/{projectId}/interfaces")
  ResponseEntity<Map<String, Object>> register(@PathVariable String projectId,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    requireOwnProject(user, OWNERS, "register an interface", projectId, projects.projectManager(projectId));
    requireProject(projectId);
    Body b = new Body(body, FIELDS, "an interface");
    String interfaceId = b.id("interfaceId", true);
    String name = b.string("name", true, 200);
    String source = b.string("sourceSystem", true, 200);
    String target = b.string("targetSystem", true, 200);
    String direction = b.oneOf("direction", true, InterfaceReadinessProcess.Values.DIRECTIONS, null);
    String standard = b.oneOf("standard", true, InterfaceReadinessProcess.Values.STANDARDS, null);
    String version = b.string("version", true, 16);
    boolean hl7 = "HL7V2".equals(standard);
    List<String> types = b.strings("messageTypes", true, 30, 64, hl7 ? HL7_TYPE : FHIR_TYPE);
    Long volume = b.number("dailyVolume", false, 0, 100_000_000);
    String owner = b.id("owner", false);
    Boolean critical = b.bool("goLiveCritical", true, null);
    Boolean clinical = b.bool("clinical", false, false);
    if (standard != null && version != null) {
      List<String> versions = hl7 ? InterfaceReadinessProcess.Values.HL7V2_VERSIONS
          : InterfaceReadinessProcess.Values.FHIR_VERSIONS;
      if (!versions.contains(version)) {
        b.problem("version '" + version + "' is not supported for " + standard + " " + versions);
      }
    }
    b.check();
    Interface registered = service.register(new NewInterface(projectId, interfaceId, name, source, target, direction,
        standard, version, String.join(",", types.stream().distinct().toList()),
        volume == null ? null : volume.intValue(), owner, critical, clinical, user.getName(), EngineClock.now()));
    return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/interfaces/" + interfaceId))
        .body(view(registered));
  }

  /**
   * Validates a round of test messages. The body is read here, within the configured limit (413
   * beyond it, or beyond the message count), so a large upload is refused before it is parsed.
   */
  @PostMapping("/api/projects/{projectId}/interfaces/{interfaceId}/test-messages")
  ResponseEntity<Map<String, Object>> testMessages(@PathVariable String projectId, @PathVariable String interfaceId,
      HttpServletRequest request, Authentication user) throws IOException {
    requireOwnProject(user, UPLOADERS, "upload interface test messages", projectId,
        projects.projectManager(projectId));
    Interface i = requireInterface(projectId, interfaceId);
    MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
    if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Test messages are uploaded as "
          + "application/json {\"round\", \"environment\", \"messages\": [text, ...]}; binary uploads are not accepted");
    }
    long limit = properties.maxBatchBytes();
    if (request.getContentLengthLong() > limit) {
      throw tooLarge(limit);
    }
    Map<String, Object> body = parse(readAtMost(request.getInputStream(), limit));
    Body b = new Body(body, ROUND_FIELDS, "a test round");
    String round = b.string("round", true, 100);
    String environment = b.oneOf("environment", false, InterfaceReadinessProcess.Values.ENVIRONMENTS, "TEST");
    Object raw = body.get("messages");
    if (raw instanceof List<?> list && list.size() > properties.maxMessages()) {
      throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "A test round holds at most "
          + properties.maxMessages() + " messages (hitgov.interop.max-messages); this one has " + list.size());
    }
    List<String> messages = new ArrayList<>();
    if (raw == null) {
      b.problem("messages is required");
    } else if (!(raw instanceof List<?> list) || list.isEmpty()) {
      b.problem("messages must be a non-empty list of Strings");
    } else {
      for (int n = 0; n < list.size(); n++) {
        if (!(list.get(n) instanceof String text) || text.isBlank()) {
          b.problem("messages[" + n + "] must be a non-empty String");
        } else if (text.chars().anyMatch(c -> c < 0x20 && c != '\r' && c != '\n' && c != '\t')) {
          b.problem("messages[" + n + "] is not text (control characters): HL7 v2 ER7 or FHIR JSON/XML only");
        } else {
          messages.add(text);
        }
      }
    }
    b.check();
    NewRound stored = testRounds.validateRound(i, round, environment, messages, user.getName());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("roundId", stored.roundId());
    answer.put("environment", stored.environment());
    answer.put("results", testRounds.results(stored.roundId()));
    answer.put("summary", summary(stored.messages(), stored.validMessages(), stored.errors(), stored.warnings()));
    answer.put("interfaceStatus", service.status(service.get(projectId, interfaceId)));
    return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/interfaces/" + interfaceId
        + "/test-rounds/" + stored.roundId())).body(answer);
  }

  @GetMapping("/api/projects/{projectId}/interfaces/{interfaceId}/test-rounds/{roundId}")
  Map<String, Object> round(@PathVariable String projectId, @PathVariable String interfaceId,
      @PathVariable String roundId, Authentication user) {
    requireAnyGroup(user, OWNERS, "read interface test rounds");
    requireInterface(projectId, interfaceId);
    TestRound round = testRounds.rounds(projectId, interfaceId).stream().filter(r -> r.roundId().equals(roundId))
        .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No test round " + roundId));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("round", round);
    answer.put("results", testRounds.results(roundId));
    answer.put("summary", summary(round.messages(), round.validMessages(), round.errors(), round.warnings()));
    return answer;
  }

  private static Map<String, Object> summary(int messages, int valid, int errors, int warnings) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("messages", messages);
    summary.put("valid", valid);
    summary.put("invalid", messages - valid);
    summary.put("passRatePercent", messages == 0 ? 0 : valid * 100 / messages);
    summary.put("errors", errors);
    summary.put("warnings", warnings);
    return summary;
  }

  private Map<String, Object> view(Interface i) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("interfaceId", i.interfaceId());
    view.put("name", i.name());
    view.put("sourceSystem", i.sourceSystem());
    view.put("targetSystem", i.targetSystem());
    view.put("direction", i.direction());
    view.put("standard", i.standard());
    view.put("version", i.version());
    view.put("messageTypes", i.messageTypeList());
    view.put("dailyVolume", i.dailyVolume());
    view.put("owner", i.owner());
    view.put("goLiveCritical", i.goLiveCritical());
    view.put("clinical", i.clinical());
    view.put("mappingSpecReference", i.mappingSpecRef());
    view.put("crosswalkReference", i.crosswalkRef());
    view.put("registeredBy", i.registeredBy());
    view.put("registeredAt", i.registeredAt());
    view.put("changedByChange", i.changedByChange());
    view.put("readiness", service.status(i));
    view.put("processInstanceId", i.processInstanceId());
    return view;
  }

  private static ResponseStatusException tooLarge(long limit) {
    return new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "A test round is at most " + limit
        + " bytes (hitgov.interop.max-batch-bytes)");
  }

  private static String readAtMost(InputStream in, long limit) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (bytes.length > limit) {
      throw tooLarge(limit);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidVariablesException("The body is not UTF-8 text: binary uploads are not accepted");
    }
  }

  private Map<String, Object> parse(String text) {
    try {
      Map<String, Object> body = json.readValue(text, new TypeReference<Map<String, Object>>() {});
      if (body == null) {
        throw new InvalidVariablesException("The body must be a JSON object {\"round\", \"environment\", \"messages\"}");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new InvalidVariablesException("The body is not a JSON object {\"round\", \"environment\", \"messages\"}");
    }
  }

  private void requireProject(String projectId) {
    if (!projects.isRegistered(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId);
    }
  }

  private Interface requireInterface(String projectId, String interfaceId) {
    requireProject(projectId);
    return service.find(projectId, interfaceId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "No interface " + interfaceId + " in project " + projectId));
  }
}
