package org.trainkit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code device} is parsed once, here; the spelling survives the round trip to YAML. */
class DeviceSpecTest {

  @Test
  void everySpellingParsesAndPrintsBack() {
    for (String spelling : List.of("auto", "cpu", "gpu", "gpu:0", "gpu:12", "gpu:9999")) {
      assertEquals(spelling, DeviceSpec.parse(spelling).orElseThrow().toString());
    }
  }

  @Test
  void otherSpellingsNameNoDevice() {
    for (String spelling : List.of("", "GPU", "gpu:", "gpu:-1", "gpu:12345", "tpu", " cpu")) {
      assertTrue(DeviceSpec.parse(spelling).isEmpty(), spelling);
    }
    assertTrue(DeviceSpec.parse(null).isEmpty());
  }

  @Test
  void mapsToDjlDevices() {
    assertEquals(Device.cpu(), DeviceSpec.CPU.toDjl());
    assertEquals(Device.gpu(3), DeviceSpec.parse("gpu:3").orElseThrow().toDjl());
    assertEquals(Device.gpu(), DeviceSpec.parse("gpu").orElseThrow().toDjl());
  }

  @Test
  void theConfigHoldsTheParsedDevice() {
    TrainerConfig config = TrainerConfig.builder().device("gpu:2").build();
    assertEquals(new DeviceSpec(DeviceSpec.Kind.GPU, 2), config.device());
    assertEquals(config, config.toBuilder().build());
  }
}
