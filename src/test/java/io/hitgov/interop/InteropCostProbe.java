package io.hitgov.interop;

import io.hitgov.interop.validation.FhirR4Validator;
import io.hitgov.interop.validation.Hl7v2Validator;
import java.util.List;

/**
 * Not a test: measures what docs/processes/interface-readiness.md#cost reports (build time and heap
 * of the FHIR validator, time for batches of 100 messages). Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.hitgov.interop.InteropCostProbe},
 * where {@code cp.txt} comes from {@code ./mvnw dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class InteropCostProbe {

  private InteropCostProbe() {}

  public static void main(String[] args) {
    long before = usedHeap();
    long start = System.nanoTime();
    long buildCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    FhirR4Validator fhir = FhirR4Validator.build(List.of());
    long buildMs = (System.nanoTime() - start) / 1_000_000;
    buildCpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - buildCpu) / 1_000_000;
    long after = usedHeap();
    System.out.printf("FHIR validator: built in %d ms (CPU %d ms), retained heap %d MB%n", buildMs, buildCpu,
        (after - before) >> 20);

    Hl7v2Validator hl7 = new Hl7v2Validator();
    List<String> types = List.of("ADT^A01", "ORM^O01", "ORU^R01");
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= 3; run++) {
      start = System.nanoTime();
      long cpuStart = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < 100; i++) {
        String message = switch (i % 3) {
          case 0 -> Samples.adtA01("T");
          case 1 -> Samples.ormO01("T");
          default -> Samples.oruWrongDataType();
        };
        hl7.validate(message, "2.5.1", types, false);
      }
      long hl7Ms = (System.nanoTime() - start) / 1_000_000;
      long hl7Cpu = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
      start = System.nanoTime();
      cpuStart = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < 100; i++) {
        fhir.validate(i % 2 == 0 ? Samples.PATIENT : Samples.OBSERVATION_WITHOUT_STATUS, List.of("Patient", "Observation"));
      }
      long fhirMs = (System.nanoTime() - start) / 1_000_000;
      long fhirCpu = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
      System.out.printf("run %d: 100 HL7 v2 messages %d ms (CPU %d ms), 100 FHIR resources %d ms (CPU %d ms)%n", run,
          hl7Ms, hl7Cpu, fhirMs, fhirCpu);
    }
    System.out.printf("heap in use after the batches: %d MB (max %d MB)%n", usedHeap() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
