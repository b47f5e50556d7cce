package io.hitgov.interop;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** The technical contract of {@code InterfaceReadinessProcess} (docs/contract.md, docs/processes/interface-readiness.md). */
@Component
public final class InterfaceReadinessProcess implements ProcessContract {

  public static final String KEY = "InterfaceReadinessProcess";
  public static final String RESOURCE = "processes/interface-readiness/InterfaceReadinessProcess.bpmn";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ReadinessRequested";
    public static final String OPEN = "ServiceTask_OpenReadiness";
    public static final String DOCUMENT_MAPPING = "UserTask_DocumentMapping";
    public static final String RUN_TEST_ROUND = "UserTask_RunTestRound";
    public static final String EVALUATE = "ServiceTask_EvaluateTestRound";
    public static final String SIGN_INTEGRATION = "UserTask_SignOffIntegration";
    public static final String SIGN_CMIO = "UserTask_SignOffCmio";
    public static final String END_READY = "EndEvent_InterfaceReady";

    private Elements() {}
  }

  /** Variable names. */
  public static final class Variables {
    public static final String PROJECT_ID = "projectId";
    public static final String INTERFACE_ID = "interfaceId";
    public static final String INTERFACE_NAME = "interfaceName";
    public static final String CLINICAL = "clinicalInterface";
    public static final String MAPPING_SPEC = "mappingSpecReference";
    public static final String CROSSWALK = "crosswalkReference";
    public static final String ROUND_NOTE = "testRoundNote";
    public static final String ROUND_ID = "testRoundId";
    public static final String ROUND_PASSED = "testRoundPassed";
    public static final String ROUND_SUMMARY = "testRoundSummary";
    public static final String SIGN_OFF_APPROVED = "signOffApproved";
    public static final String SIGN_OFF_COMMENT = "signOffComment";

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> STANDARDS = List.of("HL7V2", "FHIR_R4");
    public static final List<String> DIRECTIONS = List.of("INBOUND", "OUTBOUND", "BIDIRECTIONAL");
    public static final List<String> ENVIRONMENTS = List.of("TEST", "PRODUCTION");
    public static final List<String> HL7V2_VERSIONS = List.of("2.5.1");
    public static final List<String> FHIR_VERSIONS = List.of("R4");
    public static final List<String> CONVERSION_SCOPES = List.of("MIGRATE", "ARCHIVE", "READ_ONLY_LEGACY");

    private Values() {}
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public VariableSchema startVariables() {
    return VariableSchema.of(
        VariableSpec.id(Variables.PROJECT_ID, true),
        VariableSpec.id(Variables.INTERFACE_ID, true));
  }
}
