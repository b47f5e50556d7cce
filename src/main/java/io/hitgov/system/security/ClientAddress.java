package io.hitgov.system.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the real client of a request. That is the TCP peer, unless the peer is one of the
 * configured trusted proxies ({@code hitgov.security.trusted-proxies}, e.g. the cluster's load
 * balancer): then {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the
 * first other address is the client. A client can put anything into the header, but only to the
 * left of what the trusted proxy appends, so it cannot choose the address HITGov sees. Without
 * trusted proxies the header is ignored.
 */
final class ClientAddress {

  /** Only IP literals are accepted from the header (no host names: no DNS look-ups). */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private final List<IpAddressMatcher> trustedProxies;

  ClientAddress(List<String> trustedProxies) {
    List<IpAddressMatcher> matchers = new ArrayList<>();
    for (String proxy : trustedProxies) {
      String value = proxy.trim();
      if (value.isEmpty()) {
        continue;
      }
      String address = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
      if (!IP_LITERAL.matcher(address).matches()) {
        throw new IllegalArgumentException("hitgov.security.trusted-proxies: '" + value
            + "' is not an IP address or CIDR range");
      }
      matchers.add(new IpAddressMatcher(value));
    }
    this.trustedProxies = List.copyOf(matchers);
  }

  /** The real client's address. */
  String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!trusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!IP_LITERAL.matcher(hop).matches()) {
        return client; // garbage from here on leftwards was written by the client: stop at what we trust
      }
      client = hop;
      if (!trusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean trusted(String address) {
    if (address == null || !IP_LITERAL.matcher(address).matches()) {
      return false;
    }
    for (IpAddressMatcher proxy : trustedProxies) {
      if (proxy.matches(address)) {
        return true;
      }
    }
    return false;
  }
}
