package io.hitgov.interop.validation;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.Severity;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.CollectingValidationExceptionHandler;
import ca.uhn.hl7v2.validation.MessageValidator;
import ca.uhn.hl7v2.validation.ValidationException;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates one ER7 (pipe-delimited) HL7 v2 message with HAPI HL7v2 against what the interface
 * declares and the round's environment (docs/domain/interoperability-and-conversion.md):
 * <ol>
 *   <li>MSH: version (MSH-12) as declared, message type (MSH-9) one of the declared types, processing
 *       id (MSH-11): {@code T} or {@code D} in a {@code PRODUCTION} round is an error, and a {@code P}
 *       message in a {@code TEST} round is refused (test data must never be filed as clinical records);
 *   <li>parsed with HAPI's structures of the version (a message that does not parse is reported with
 *       the parser's location);
 *   <li>the message structure walked with its required flags: every required group and segment
 *       present, every required field of a present segment filled;
 *   <li>data types checked by HAPI's default validation rules (numbers, dates, lengths...).
 * </ol>
 * Issue texts never carry a value of the message ({@link Sanitizer}). Thread-safe.
 */
public final class Hl7v2Validator {

  private static final Pattern SEGMENT_BREAK = Pattern.compile("\r\n|\n|\r");
  private static final Set<String> PROCESSING_IDS = Set.of("P", "T", "D");

  private final HapiContext context;
  private final MessageValidator rules;

  public Hl7v2Validator() {
    context = new DefaultHapiContext(ValidationContextFactory.noValidation());
    rules = new MessageValidator(ValidationContextFactory.defaultValidation(), false);
    rules.setValidatePrimitives(true);
  }

  /**
   * @param text the message, segments separated by {@code \r} or newlines
   * @param version the interface's declared HL7 version (e.g. 2.5.1)
   * @param declaredTypes the interface's message types (e.g. ADT^A01)
   * @param production whether the round is production-intended
   */
  public MessageResult validate(String text, String version, List<String> declaredTypes, boolean production) {
    String message = SEGMENT_BREAK.matcher(text.strip()).replaceAll("\r");
    List<String> segments = Arrays.asList(message.split("\r"));
    Sanitizer sanitizer = Sanitizer.masking(values(segments));
    List<Issue> issues = new ArrayList<>();
    if (!message.startsWith("MSH") || message.length() < 8) {
      issues.add(new Issue(Issue.ERROR, "MSH", "the message does not start with an MSH segment: not an ER7 HL7 v2 "
          + "message, or truncated"));
      return new MessageResult(null, issues);
    }
    char separator = message.charAt(3);
    String[] msh = segments.get(0).split(Pattern.quote(String.valueOf(separator)), -1);
    char component = msh.length > 1 && !msh[1].isEmpty() ? msh[1].charAt(0) : '^';
    String messageType = field(msh, 9, component, 2);
    String processingId = field(msh, 11, component, 1);
    String messageVersion = field(msh, 12, component, 1);
    if (messageType.isEmpty()) {
      issues.add(new Issue(Issue.ERROR, "MSH-9", "message type (MSH-9) is missing: the message is truncated or "
          + "its MSH segment incomplete"));
    } else if (!declaredTypes.contains(messageType)) {
      issues.add(new Issue(Issue.ERROR, "MSH-9", "message type " + messageType + " is not one this interface declares "
          + declaredTypes));
    }
    if (messageVersion.isEmpty()) {
      issues.add(new Issue(Issue.ERROR, "MSH-12", "version (MSH-12) is missing"));
    } else if (!messageVersion.equals(version)) {
      issues.add(new Issue(Issue.ERROR, "MSH-12", "version " + messageVersion + " is not the interface's declared "
          + "version " + version));
    }
    if (!PROCESSING_IDS.contains(processingId)) {
      issues.add(new Issue(Issue.ERROR, "MSH-11", "processing id (MSH-11) must be P, T or D (HL7 table 0103)"));
    } else if (production && !"P".equals(processingId)) {
      issues.add(new Issue(Issue.ERROR, "MSH-11", "processing id " + processingId + " ("
          + ("T".equals(processingId) ? "training/test" : "debugging") + ") in a production-readiness round: "
          + "production messages must carry P"));
    } else if (!production && "P".equals(processingId)) {
      issues.add(new Issue(Issue.ERROR, "MSH-11", "refused: processing id P (production) in a test round; test data "
          + "must never be filed as clinical records, send it with T"));
    }
    if (messageType.isEmpty() || !messageVersion.equals(version)) {
      return new MessageResult(messageType.isEmpty() ? null : messageType, issues);
    }
    Message parsed;
    try {
      parsed = new PipeParser(context).parse(message);
    } catch (HL7Exception e) {
      issues.add(sanitizer.issue(Issue.ERROR, location(e.getLocation(), "MSH"),
          "does not parse as HL7 v2 " + version + ": " + e.getMessageWithoutLocation()));
      return new MessageResult(messageType, issues);
    } catch (RuntimeException e) {
      issues.add(sanitizer.issue(Issue.ERROR, "MSH", "does not parse as HL7 v2 " + version + ": " + e.getMessage()));
      return new MessageResult(messageType, issues);
    }
    try {
      walk(parsed, "", issues);
      Collector collector = new Collector(context);
      rules.validate(parsed, collector);
      for (ValidationException e : collector.getExceptions()) {
        issues.add(sanitizer.issue(severity(e.getSeverity()), location(e.getLocation(), "?"),
            "data type: " + e.getMessageWithoutLocation()));
      }
    } catch (HL7Exception | RuntimeException e) {
      issues.add(sanitizer.issue(Issue.ERROR, location(e instanceof HL7Exception h ? h.getLocation() : null, "MSH"),
          "cannot be validated: " + e.getMessage()));
    }
    return new MessageResult(messageType, issues);
  }

  /** Required groups and segments present, required fields of the present segments filled. */
  private static void walk(Group group, String path, List<Issue> issues) throws HL7Exception {
    // a choice (e.g. ORM^O01's ORDER_DETAIL: OBR, RQD, RXO...) needs one of its elements, not each
    List<String> choices = new ArrayList<>();
    boolean choiceMade = false;
    for (String name : group.getNames()) {
      if (group.isChoiceElement(name)) {
        choices.add(name);
        choiceMade |= Arrays.stream(group.getAll(name)).anyMatch(s -> !isEmpty(s));
      }
    }
    if (!choices.isEmpty() && !choiceMade) {
      issues.add(new Issue(Issue.ERROR, path.isEmpty() ? choices.get(0) : path, "one of " + choices + " is required"));
    }
    for (String name : group.getNames()) {
      Structure[] reps = group.getAll(name);
      List<Structure> present = Arrays.stream(reps).filter(s -> !isEmpty(s)).toList();
      String where = path.isEmpty() ? name : path + "/" + name;
      if (present.isEmpty()) {
        if (group.isRequired(name) && !choices.contains(name)) {
          issues.add(new Issue(Issue.ERROR, where, "required " + (group.isGroup(name) ? "group " : "segment ") + name
              + " is missing"));
        }
        continue;
      }
      for (int i = 0; i < present.size(); i++) {
        Structure s = present.get(i);
        if (s instanceof Group child) {
          walk(child, where, issues);
        } else if (s instanceof Segment segment) {
          requiredFields(segment, present.size() > 1 ? name + "(" + (i + 1) + ")" : name, issues);
        }
      }
    }
  }

  private static void requiredFields(Segment segment, String name, List<Issue> issues) throws HL7Exception {
    String[] names = segment.getNames();
    for (int f = 1; f <= segment.numFields(); f++) {
      if (!segment.isRequired(f)) {
        continue;
      }
      Type[] reps = segment.getField(f);
      boolean filled = Arrays.stream(reps).anyMatch(t -> !isEmpty(t));
      if (!filled) {
        issues.add(new Issue(Issue.ERROR, name + "-" + f, "required field " + name + "-" + f
            + (f <= names.length ? " (" + names[f - 1] + ")" : "") + " is empty"));
      }
    }
  }

  private static boolean isEmpty(ca.uhn.hl7v2.model.Visitable v) {
    try {
      return v.isEmpty();
    } catch (HL7Exception e) {
      return true;
    }
  }

  /** Component {@code upTo} components of MSH-n, joined with ^ (e.g. MSH-9 ADT^A01). */
  private static String field(String[] msh, int n, char component, int upTo) {
    int index = n - 1;
    if (index >= msh.length) {
      return "";
    }
    String[] parts = msh[index].split(Pattern.quote(String.valueOf(component)), -1);
    return String.join("^", Arrays.asList(parts).subList(0, Math.min(upTo, parts.length))).strip();
  }

  /** The values of the message (field and component contents), for the sanitiser; not the MSH type fields. */
  private static Set<String> values(List<String> segments) {
    Set<String> values = new HashSet<>();
    for (String segment : segments) {
      String[] fields = segment.split("[|]", -1);
      for (int f = 1; f < fields.length; f++) {
        boolean msh = segment.startsWith("MSH");
        if (msh && (f == 1 || f == 8 || f == 10 || f == 11)) {
          continue; // encoding characters, message type, processing id, version: not data
        }
        for (String value : fields[f].split("[\\^~&\\\\]")) {
          if (!value.isBlank()) {
            values.add(value.strip());
          }
        }
      }
    }
    return values;
  }

  private static String location(Location location, String fallback) {
    if (location == null || location.isUnknown() || location.getSegmentName() == null) {
      return fallback;
    }
    String where = location.getSegmentName();
    if (location.getField() > 0) {
      where += "-" + location.getField();
      if (location.getComponent() > 0) {
        where += "." + location.getComponent();
      }
    }
    return where;
  }

  private static String severity(Severity severity) {
    return severity == null || severity == Severity.ERROR ? Issue.ERROR
        : severity == Severity.WARNING ? Issue.WARNING : Issue.INFORMATION;
  }

  /** Collects every rule violation instead of stopping at the first. */
  private static final class Collector extends CollectingValidationExceptionHandler<Boolean> {
    Collector(HapiContext context) {
      super(context);
    }

    @Override
    public Boolean result() {
      return !hasFailed();
    }
  }
}
