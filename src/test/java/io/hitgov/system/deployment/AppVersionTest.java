package io.hitgov.system.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The release order the rolling-upgrade rule of ModelDeployer relies on. */
class AppVersionTest {

  @Test
  void numeric_parts_compare_as_numbers_and_a_release_is_newer_than_its_snapshot() {
    assertThat(AppVersion.newer("0.10.0", "0.9.3")).isTrue();
    assertThat(AppVersion.newer("0.2.0", "0.1.0-SNAPSHOT")).isTrue();
    assertThat(AppVersion.newer("0.1.0", "0.1.0-SNAPSHOT")).isTrue();
    assertThat(AppVersion.newer("0.1.0-SNAPSHOT", "0.1.0")).isFalse();
    assertThat(AppVersion.newer("1.2", "1.2.0")).isFalse();
    assertThat(AppVersion.newer("1.2.0", "1.2.0")).isFalse();
    assertThat(AppVersion.newer("1.2.1", "1.2.0")).isTrue();
  }

  @Test
  void an_unknown_version_is_neither_newer_nor_older() {
    assertThat(AppVersion.newer("development", "0.1.0")).isFalse();
    assertThat(AppVersion.newer("0.1.0", "development")).isFalse();
    assertThat(AppVersion.newer(null, "0.1.0")).isFalse();
    assertThat(AppVersion.compare("x1", "1")).isEmpty();
  }
}
