package com.clickeen.sf.learning.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.SfConfig.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvolutionSettingsTest {
  @Test
  void defaults_run_every_agents_loop_by_itself() {
    EvolutionSettings s = EvolutionSettings.defaults();
    assertThat(s.auto("sdr.copilot")).isTrue();
    assertThat(s.minInteractions()).isEqualTo(200);
    assertThat(s.goldenDir()).isEqualTo(Path.of("golden"));
    assertThat(s.gateReplay()).isEqualTo(50);
    assertThat(s.maxExperimentDuration().toDays()).isEqualTo(14);
    assertThat(s.describe()).isEqualTo("autoPromote=all proposeMin=200 golden=golden gateReplay=50 experimentMax=14d");
  }

  @Test
  void auto_promote_takes_none_or_a_list_of_agents() {
    assertThat(EvolutionSettings.fromEnv(Map.of("SF_AUTO_PROMOTE", "none")).auto("sdr.copilot")).isFalse();
    EvolutionSettings some = EvolutionSettings.fromEnv(Map.of("SF_AUTO_PROMOTE", " sdr.copilot, editor.copilot "));
    assertThat(some.auto("editor.copilot")).isTrue();
    assertThat(some.auto("support.agent")).isFalse();
    assertThat(some.describe()).startsWith("autoPromote=editor.copilot,sdr.copilot ");
  }

  @Test
  void bad_values_name_the_key_the_value_and_the_rule() {
    assertThatThrownBy(() -> EvolutionSettings.fromEnv(Map.of("SF_AUTO_PROMOTE", "sdr copilot!")))
        .isInstanceOf(ConfigException.class).hasMessage("configuration SF_AUTO_PROMOTE=sdr copilot! must be all, none or "
            + "a comma-separated list of agent ids ('sdr copilot!' is not an agent id)");
    assertThatThrownBy(() -> EvolutionSettings.fromEnv(Map.of("SF_AUTO_PROMOTE", ",")))
        .hasMessage("configuration SF_AUTO_PROMOTE=, must be all, none or a comma-separated list of agent ids");
    assertThatThrownBy(() -> EvolutionSettings.fromEnv(Map.of("SF_PROPOSE_MIN_INTERACTIONS", "0")))
        .hasMessage("configuration SF_PROPOSE_MIN_INTERACTIONS=0 must be at least 1");
    assertThatThrownBy(() -> EvolutionSettings.fromEnv(Map.of("SF_GATE_REPLAY", "5000")))
        .hasMessage("configuration SF_GATE_REPLAY=5000 must be 0..1000");
    assertThatThrownBy(() -> EvolutionSettings.fromEnv(Map.of("SF_EXPERIMENT_MAX_DAYS", "0")))
        .hasMessage("configuration SF_EXPERIMENT_MAX_DAYS=0 must be at least 1");
  }
}
