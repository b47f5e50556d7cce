package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.Interface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What R06, R07 and G5 make of the interface inventory ({@link InterfaceInventory}, its test rounds)
 * and the conversion records ({@link DataConversion}): the {@link InteropReadiness} port the
 * lifecycle and change control ask.
 */
@Service
public class InteropService implements InteropReadiness {

  private final InterfaceInventory inventory;
  private final DataConversion conversion;

  InteropService(InterfaceInventory inventory, DataConversion conversion) {
    this.inventory = inventory;
    this.conversion = conversion;
  }


  @Override
  public List<String> interfaceProblems(String projectId) {
    List<String> problems = new ArrayList<>();
    for (Interface i : inventory.interfaces(projectId)) {
      if (i.goLiveCritical()) {
        ReadinessStatus s = inventory.status(i);
        if (!s.ready()) {
          problems.add("interface " + i.interfaceId() + ": " + s.reason());
        }
      }
    }
    return problems;
  }

  @Override
  public List<String> conversionProblems(String projectId) {
    List<String> problems = new ArrayList<>();
    for (ConversionDomain d : conversion.domains(projectId)) {
      ReadinessStatus s = conversion.status(d);
      if (!s.ready()) {
        problems.add("conversion " + d.domain() + ": " + s.reason());
      }
    }
    return problems;
  }

  @Override
  public Map<String, Object> overview(String projectId) {
    Map<String, Object> overview = new LinkedHashMap<>();
    overview.put("interfaces", inventory.interfaces(projectId).stream().map(i -> {
      ReadinessStatus s = inventory.status(i);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("interfaceId", i.interfaceId());
      one.put("standard", i.standard());
      one.put("goLiveCritical", i.goLiveCritical());
      one.put("clinical", i.clinical());
      one.put("status", s.status());
      one.put("reason", s.reason());
      return one;
    }).toList());
    overview.put("conversionDomains", conversion.domains(projectId).stream().map(d -> {
      ReadinessStatus s = conversion.status(d);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("domain", d.domain());
      one.put("scope", d.scope());
      one.put("status", s.status());
      one.put("reason", s.reason());
      return one;
    }).toList());
    overview.put("r06", criterion(hasInterfaces(projectId), interfaceProblems(projectId)));
    overview.put("r07", criterion(hasConversionDomains(projectId), conversionProblems(projectId)));
    return overview;
  }

  private static Map<String, Object> criterion(boolean recorded, List<String> problems) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("status", !recorded ? "NOT_RECORDED" : problems.isEmpty() ? "GREEN" : "RED");
    c.put("problems", problems);
    return c;
  }

  @Override
  public boolean hasInterfaces(String projectId) {
    return !inventory.interfaces(projectId).isEmpty();
  }

  @Override
  public boolean hasConversionDomains(String projectId) {
    return !conversion.domains(projectId).isEmpty();
  }

  @Override
  public List<String> unknownInterfaces(String projectId, List<String> interfaceIds) {
    return interfaceIds.stream().filter(id -> inventory.find(projectId, id).isEmpty()).toList();
  }

  @Override
  public void reopen(String projectId, List<String> interfaceIds, String changeRequestId) {
    inventory.reopen(projectId, interfaceIds, changeRequestId);
  }
}
