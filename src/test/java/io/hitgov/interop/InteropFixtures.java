package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.NewDomain;
import io.hitgov.interop.InteropRecords.NewInterface;
import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.shared.process.EngineClock;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * Interface and conversion records for tests of other features (the gates), written through the
 * interop service as its API would: the rows themselves are package-private to the feature.
 */
public final class InteropFixtures {

  private InteropFixtures() {}

  /** Registers an HL7 v2.5.1 interface (ADT^A01, ORM^O01, ORU^R01) owned by irene; starts its readiness process. */
  public static void hl7Interface(ApplicationContext context, String projectId, String interfaceId,
      boolean goLiveCritical, boolean clinical) {
    context.getBean(InterfaceInventory.class).register(new NewInterface(projectId, interfaceId,
        "Interface " + interfaceId, "LIS", "EHR", "INBOUND", "HL7V2", "2.5.1", "ADT^A01,ORM^O01,ORU^R01", 5000, "irene",
        goLiveCritical, clinical, "irene", EngineClock.now()));
  }

  /** Uploads a round as {@code user}; its id. */
  public static String round(ApplicationContext context, String projectId, String interfaceId, String environment,
      List<String> messages, String user) {
    Interface i = context.getBean(InterfaceInventory.class).get(projectId, interfaceId);
    return context.getBean(InterfaceTestRounds.class).validateRound(i, "round", environment, messages, user).roundId();
  }

  public static void conversionDomain(ApplicationContext context, String projectId, String domain, String scope) {
    context.getBean(DataConversion.class).register(new NewDomain(projectId, domain, scope, true, "maria",
        EngineClock.now()));
  }

  /** Records a trial load as maria; whether it reconciled. */
  public static boolean trialLoad(ApplicationContext context, String projectId, String domain, String name, long source,
      long target, String sourceChecksum, String targetChecksum) {
    return context.getBean(DataConversion.class).recordLoad(projectId, domain, name, source, target, 0, sourceChecksum,
        targetChecksum, "maria").reconciled();
  }
}
