package io.hitgov.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registration body of a typical interface, for tests outside the interop feature. */
public final class Interfaces {

  private Interfaces() {}

  /** A clinical, go-live-critical HL7 v2.5.1 lab interface owned by irene ({@code POST /api/projects/{id}/interfaces}). */
  public static Map<String, Object> hl7(String interfaceId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("interfaceId", interfaceId);
    body.put("name", "Lab results and orders");
    body.put("sourceSystem", "Legacy LIS");
    body.put("targetSystem", "New EHR");
    body.put("direction", "BIDIRECTIONAL");
    body.put("standard", "HL7V2");
    body.put("version", "2.5.1");
    body.put("messageTypes", List.of("ADT^A01", "ORM^O01", "ORU^R01"));
    body.put("dailyVolume", 12000);
    body.put("owner", "irene");
    body.put("goLiveCritical", true);
    body.put("clinical", true);
    return body;
  }
}
