package io.hitgov.system.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

/** A model may call only the methods the application's own classes declare on a callable bean. */
class CallableMethodsTest {

  /** Stands in for a delegate bean: one business method of its own. */
  public static class Delegate {
    public String decide() {
      return "GO";
    }
  }

  @Test
  void a_proxied_bean_offers_its_own_methods_not_the_proxys_or_the_jdks() {
    ProxyFactory factory = new ProxyFactory(new Delegate());
    factory.setProxyTargetClass(true);
    Object proxied = factory.getProxy();

    assertThat(GuardedExpressionManager.CallableBeanResolver.declaredByTheApplication(proxied, "decide")).isTrue();
    assertThat(GuardedExpressionManager.CallableBeanResolver.declaredByTheApplication(proxied, "removeAdvisor"))
        .as("Spring's Advised interface on the proxy").isFalse();
    assertThat(GuardedExpressionManager.CallableBeanResolver.declaredByTheApplication(proxied, "getClass")).isFalse();
    assertThat(GuardedExpressionManager.CallableBeanResolver.declaredByTheApplication(new Delegate(), "hashCode"))
        .isFalse();
  }
}
