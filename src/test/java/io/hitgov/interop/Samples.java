package io.hitgov.interop;

/**
 * Synthetic HL7 v2.5.1 and FHIR R4 test messages written for these tests (no real patient). The
 * marker {@link #MARKER} stands in every patient name so that a test can prove no value of a
 * message comes back or is stored.
 */
public final class Samples {

  public static final String MARKER = "ZQXMARKERQZ";

  private Samples() {}

  public static String msh(String type, String structure, String processingId) {
    return "MSH|^~\\&|LEGACYLAB|GENHOSP|NEWEHR|GENHOSP|20260301101500||" + type + "^" + structure + "|MSG"
        + Math.abs(type.hashCode()) + "|" + processingId + "|2.5.1";
  }

  public static String adtA01(String processingId) {
    return String.join("\r",
        msh("ADT^A01", "ADT_A01", processingId),
        "EVN|A01|20260301101500",
        "PID|1||MRN12345^^^GENHOSP^MR||" + MARKER + "^JANE^Q||19800101|F|||1 MAIN ST^^SPRINGFIELD^IL^62701",
        "PV1|1|I|WARD1^101^A");
  }

  public static String ormO01(String processingId) {
    return String.join("\n",
        msh("ORM^O01", "ORM_O01", processingId),
        "PID|1||MRN12345^^^GENHOSP^MR||" + MARKER + "^JANE||19800101|F",
        "ORC|NW|ORD1001|||||^^^20260301101500",
        "OBR|1|ORD1001||2345-7^Glucose^LN|||20260301101500");
  }

  public static String oruR01(String processingId) {
    return String.join("\r\n",
        msh("ORU^R01", "ORU_R01", processingId),
        "PID|1||MRN12345^^^GENHOSP^MR||" + MARKER + "^JANE||19800101|F",
        "OBR|1|ORD1001|FIL2002|2345-7^Glucose^LN|||20260301101500",
        "OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|70-99|N|||F");
  }

  /** ADT^A01 without its PID segment. */
  public static String adtWithoutPid() {
    return String.join("\r", msh("ADT^A01", "ADT_A01", "T"), "EVN|A01|20260301101500", "PV1|1|I|WARD1^101^A");
  }

  /** ORU^R01 whose numeric (NM) result is text. */
  public static String oruWrongDataType() {
    return oruR01("T").replace("|95|", "|" + MARKER + "|");
  }

  /** An ADT^A01 cut off inside its MSH segment. */
  public static String truncated() {
    return "MSH|^~\\&|LEGACYLAB|GENHOSP|NEWEHR|GEN";
  }

  public static final String PATIENT = """
      {"resourceType":"Patient","id":"p1","name":[{"family":"%s","given":["Jane"]}],
       "gender":"female","birthDate":"1980-01-01"}""".formatted(MARKER);

  public static final String PATIENT_BAD_GENDER = """
      {"resourceType":"Patient","id":"p2","name":[{"family":"%s"}],"gender":"%s"}""".formatted(MARKER, MARKER);

  public static final String OBSERVATION = """
      {"resourceType":"Observation","id":"o1","status":"final",
       "code":{"coding":[{"system":"http://loinc.org","code":"2345-7","display":"Glucose"}]},
       "subject":{"reference":"Patient/p1"},
       "valueQuantity":{"value":95,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}""";

  public static final String OBSERVATION_WITHOUT_STATUS = """
      {"resourceType":"Observation","id":"o2",
       "code":{"coding":[{"system":"http://loinc.org","code":"2345-7"}]},"subject":{"reference":"Patient/p1"}}""";

  public static final String MALFORMED_JSON = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + MARKER + "\"}";
}
