package io.hitgov.interop.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;

/**
 * Validates one FHIR R4 resource (JSON or XML text; a single resource or a Bundle) with HAPI FHIR's
 * instance validator (the official HL7 validator core) against base R4 and the profiles of the
 * configured directories, offline: no terminology server, no package download. Issues carry the
 * validator's FHIRPath location and a sanitised text. Building it takes seconds and a few hundred
 * MB of heap (docs/processes/interface-readiness.md#cost); it is built once and is thread-safe.
 */
public final class FhirR4Validator {

  private static final Pattern JSON_VALUE = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"(\\s*:)?");
  private static final Pattern XML_VALUE = Pattern.compile("value=\"([^\"]*)\"|>([^<]+)<");
  private static final Pattern JSON_TYPE = Pattern.compile("\"resourceType\"\\s*:\\s*\"([A-Za-z]+)\"");
  private static final Pattern XML_TYPE = Pattern.compile("<([A-Za-z]+)[\\s>]");

  private static final Pattern PARSER_PATH = Pattern.compile("path \\$((?:\\.[A-Za-z]+|\\[\\d+\\])*)");
  private static final Pattern ELEMENT_PATH = Pattern.compile("^([A-Z][A-Za-z]*(?:\\.[a-z][A-Za-z]*(?:\\[\\d+\\])?)+): ");
  private static final Pattern PARSER_LINE = Pattern.compile("line (\\d+),? column (\\d+)");

  private final FhirValidator validator;

  private FhirR4Validator(FhirValidator validator) {
    this.validator = validator;
  }

  /**
   * Builds the validator: base R4 (hapi-fhir-validation-resources-r4), common code systems,
   * in-memory terminology, and every StructureDefinition, ValueSet and CodeSystem (JSON) found
   * in {@code profileDirectories}.
   */
  public static FhirR4Validator build(List<Path> profileDirectories) {
    FhirContext context = FhirContext.forR4();
    ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
        new CommonCodeSystemsTerminologyService(context), new InMemoryTerminologyServerValidationSupport(context),
        new SnapshotGeneratingValidationSupport(context));
    if (!profileDirectories.isEmpty()) {
      chain.addValidationSupport(0, profiles(context, profileDirectories));
    }
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    module.setAnyExtensionsAllowed(true);
    // "should have a performer" and the like are advice, not readiness findings; skipping them saves time
    module.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
    FhirValidator validator = context.newValidator();
    validator.registerValidatorModule(module);
    FhirR4Validator built = new FhirR4Validator(validator);
    // the first validation loads the base definitions; do it now, not in a user's request
    built.validate("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"warm-up\"}}", List.of("Basic"));
    return built;
  }

  private static PrePopulatedValidationSupport profiles(FhirContext context, List<Path> directories) {
    PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(context);
    for (Path directory : directories) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
          IBaseResource resource = context.newJsonParser().parseResource(Files.readString(file));
          switch (context.getResourceType(resource)) {
            case "StructureDefinition" -> support.addStructureDefinition(resource);
            case "ValueSet" -> support.addValueSet(resource);
            case "CodeSystem" -> support.addCodeSystem(resource);
            default -> { }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read FHIR profiles from " + directory, e);
      }
    }
    return support;
  }

  /** Validates one resource; {@code declaredResources} are the interface's resource types. */
  public MessageResult validate(String text, List<String> declaredResources) {
    String body = text.strip();
    boolean json = body.startsWith("{");
    boolean xml = body.startsWith("<");
    List<Issue> issues = new ArrayList<>();
    if (!json && !xml) {
      issues.add(new Issue(Issue.ERROR, "(document)", "not a FHIR resource: JSON starts with '{', XML with '<'"));
      return new MessageResult(null, issues);
    }
    Sanitizer sanitizer = Sanitizer.masking(values(body, json));
    List<String> types = types(body, json);
    String type = types.isEmpty() ? null : types.get(0);
    if (type != null) {
      List<String> contained = "Bundle".equals(type) && !declaredResources.contains("Bundle")
          ? types.subList(1, types.size()) : List.of(type);
      contained.stream().filter(t -> !declaredResources.contains(t)).distinct().forEach(t ->
          issues.add(new Issue(Issue.ERROR, t, "resource type " + t + " is not one this interface declares "
              + declaredResources)));
    }
    List<SingleValidationMessage> messages;
    try {
      messages = validator.validateWithResult(body).getMessages();
    } catch (RuntimeException unparseable) {
      // malformed JSON or XML: the parser's position, as a FHIRPath where it names one ($.name[1] -> Patient.name[1])
      String error = String.valueOf(unparseable.getMessage());
      Matcher path = PARSER_PATH.matcher(error);
      String location = path.find() ? (type == null ? "Resource" : type) + path.group(1) : "(document)";
      Matcher line = PARSER_LINE.matcher(error);
      if (line.find()) {
        location += " (line " + line.group(1) + ", column " + line.group(2) + ")";
      }
      issues.add(sanitizer.issue(Issue.ERROR, location, "not well-formed " + (json ? "JSON" : "XML") + ": "
          + error.replaceAll("^[A-Za-z.]+Exception: ", "")));
      return new MessageResult(type, issues);
    }
    for (SingleValidationMessage m : messages) {
      if (m.getSeverity() == ResultSeverityEnum.INFORMATION) {
        continue;
      }
      String location = m.getLocationString() == null || m.getLocationString().isBlank()
          ? (type == null ? "(document)" : type) : m.getLocationString();
      Matcher element = ELEMENT_PATH.matcher(String.valueOf(m.getMessage()));
      if (element.find() && element.group(1).startsWith(location)) {
        location = element.group(1); // "Observation.status: minimum required = 1" is about Observation.status
      }
      if (m.getLocationLine() != null && (type == null || location.equals("(document)"))) {
        location += " (line " + m.getLocationLine() + ", column " + m.getLocationCol() + ")";
      }
      issues.add(sanitizer.issue(m.getSeverity() == ResultSeverityEnum.WARNING ? Issue.WARNING : Issue.ERROR,
          location, m.getMessage()));
    }
    return new MessageResult(type, issues);
  }

  private static List<String> types(String body, boolean json) {
    List<String> types = new ArrayList<>();
    Matcher m = (json ? JSON_TYPE : XML_TYPE).matcher(body);
    while (m.find()) {
      String t = m.group(1);
      if (json || Character.isUpperCase(t.charAt(0))) {
        types.add(t);
      }
    }
    return types;
  }

  private static Set<String> values(String body, boolean json) {
    Set<String> values = new HashSet<>();
    Matcher m = (json ? JSON_VALUE : XML_VALUE).matcher(body);
    while (m.find()) {
      if (json && m.group(2) != null) {
        continue; // a key, not a value
      }
      String value = m.group(1) != null ? m.group(1) : m.group(2);
      if (value != null && !value.isBlank()) {
        values.add(value.strip());
      }
    }
    values.removeAll(Set.copyOf(types(body, json)));
    return values;
  }
}
