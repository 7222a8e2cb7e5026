package org.trainkit.nlp.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.nlp.tokenize.AlignedTokenizer;

/**
 * Each kind of bad model directory is refused with one message naming the file and what is
 * expected; half-precision weights are converted; a file over 2 GiB is read.
 */
class BadCheckpointTest {

  @TempDir Path temp;

  private Path copyOfTokenModel() throws IOException {
    Path dir = temp.resolve("model");
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(Fixtures.tokenModel())) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  private static String refusal(Path dir) {
    return assertThrows(PretrainedModelException.class, () -> BertCheckpoint.open(dir))
        .getMessage();
  }

  @Test
  void missingConfig() throws IOException {
    Path dir = copyOfTokenModel();
    Files.delete(dir.resolve("config.json"));
    String message = refusal(dir);
    assertTrue(message.startsWith(dir.resolve("config.json") + ": missing"), message);
  }

  @Test
  void missingWeights() throws IOException {
    Path dir = copyOfTokenModel();
    Files.delete(dir.resolve("model.safetensors"));
    String message = refusal(dir);
    assertTrue(message.startsWith(dir.resolve("model.safetensors") + ": missing"), message);
  }

  @Test
  void pickleWeightsAloneAreRefusedWithAdvice() throws IOException {
    Path dir = copyOfTokenModel();
    Files.move(dir.resolve("model.safetensors"), dir.resolve("pytorch_model.bin"));
    String message = refusal(dir);
    assertTrue(message.startsWith(dir.resolve("pytorch_model.bin").toString()), message);
    assertTrue(message.contains("convert it to safetensors"), message);
  }

  @Test
  void missingTokenizer() throws IOException {
    Path dir = copyOfTokenModel();
    Files.delete(dir.resolve("tokenizer.json"));
    Files.delete(dir.resolve("vocab.txt"));
    String message = refusal(dir);
    assertTrue(message.startsWith(dir.resolve("tokenizer.json") + ": missing"), message);
    assertTrue(message.contains("vocab.txt"), message);
    String fromTokenizer = assertThrows(PretrainedModelException.class,
        () -> AlignedTokenizer.open(dir, 16)).getMessage();
    assertEquals(message, fromTokenizer);
  }

  @Test
  void otherModelTypeIsNamedWithWhatIsSupported() throws IOException {
    Path dir = copyOfTokenModel();
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config)
        .replace("\"model_type\": \"bert\"", "\"model_type\": \"roberta\""));
    String message = refusal(dir);
    assertEquals(config + ": model_type is \"roberta\"; supported: \"bert\" (BERT-family"
        + " checkpoints such as BERT, BioBERT, PubMedBERT, SciBERT, Bio_ClinicalBERT)", message);
  }

  @Test
  void tensorShapeThatDiffersFromTheConfigIsNamedWithBothShapes() throws IOException {
    Path dir = copyOfTokenModel();
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config)
        .replace("\"intermediate_size\": 64", "\"intermediate_size\": 48"));
    BertCheckpoint checkpoint = BertCheckpoint.open(dir);
    try (NDManager manager = NDManager.newBaseManager()) {
      BertTokenClassifier model = new BertTokenClassifier(checkpoint.config());
      Shape shape = new Shape(1, 4);
      model.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      String message = assertThrows(PretrainedModelException.class,
          () -> checkpoint.loadInto(model)).getMessage();
      assertEquals(dir.resolve("model.safetensors") + ": tensor"
          + " bert.encoder.layer.0.intermediate.dense.bias has shape [64] but config.json makes"
          + " it [48]", message);
    }
  }

  @Test
  void truncatedWeightsAreReportedAsSuch() throws IOException {
    Path dir = copyOfTokenModel();
    Path weights = dir.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(bytes, bytes.length - 1000));
    String message = assertThrows(PretrainedModelException.class,
        () -> Safetensors.open(weights)).getMessage();
    assertTrue(message.startsWith(weights + ": not a valid safetensors file (truncated or"
        + " damaged: tensor "), message);
  }

  @Test
  void damagedHeaderIsReportedAsSuch() throws IOException {
    Path dir = copyOfTokenModel();
    Path weights = dir.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    Arrays.fill(bytes, 8, 40, (byte) '#');
    Files.write(weights, bytes);
    assertEquals(weights + ": not a valid safetensors file (truncated or damaged: its header"
        + " is not JSON)", assertThrows(PretrainedModelException.class,
            () -> Safetensors.open(weights)).getMessage());
    Files.write(weights, new byte[] {1, 2, 3});
    assertEquals(weights + ": not a valid safetensors file (truncated or damaged: only 3 bytes,"
        + " shorter than the 8-byte header length)", assertThrows(PretrainedModelException.class,
            () -> Safetensors.open(weights)).getMessage());
  }

  @Test
  void halfPrecisionWeightsAreConverted() {
    Path bert = Fixtures.bertDirectory();
    try (Safetensors f32 = Safetensors.open(Fixtures.tokenModel().resolve("model.safetensors"));
        Safetensors f16 = Safetensors.open(bert.resolve("token-model-f16.safetensors"));
        Safetensors bf16 = Safetensors.open(bert.resolve("token-model-bf16.safetensors"))) {
      for (String name : f32.tensors().keySet()) {
        assertEquals("F16", f16.tensors().get(name).dtype());
        assertEquals("BF16", bf16.tensors().get(name).dtype());
        float[] exact = f32.readFloats(name);
        float[] half = f16.readFloats(name);
        float[] brain = bf16.readFloats(name);
        for (int i = 0; i < exact.length; i++) {
          // Round to nearest: within half a unit in the last place of each format.
          float tolerance16 = Math.max(Math.abs(exact[i]) * 0x1p-11f, 0x1p-25f);
          float toleranceBf = Math.abs(exact[i]) * 0x1p-8f;
          assertTrue(Math.abs(half[i] - exact[i]) <= tolerance16, name + "[" + i + "] f16");
          assertTrue(Math.abs(brain[i] - exact[i]) <= toleranceBf, name + "[" + i + "] bf16");
        }
      }
    }
    assertEquals(1.0f, Safetensors.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, Safetensors.halfToFloat((short) 0xc000));
    assertEquals(65504f, Safetensors.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, Safetensors.halfToFloat((short) 0x0001));
    assertEquals(Float.NEGATIVE_INFINITY, Safetensors.halfToFloat((short) 0xfc00));
  }

  @Test
  void fileOverTwoGigabytesIsRead() throws IOException {
    // A sparse file: 2.25 GB of zeros before a small tensor, costing no disk space.
    long padding = (1L << 31) + (1L << 28);
    String header = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"pad\":{\"dtype\":\"U8\",\"shape\":[" + padding + "],\"data_offsets\":[0," + padding
        + "]},\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + padding + ","
        + (padding + 16) + "]}}";
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    Path file = temp.resolve("big.safetensors");
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
          .putLong(headerBytes.length).flip());
      out.write(ByteBuffer.wrap(headerBytes));
      ByteBuffer w = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      w.asFloatBuffer().put(new float[] {1.5f, -2f, 3.25f, 4f});
      out.write(w, 8 + headerBytes.length + padding);
    }
    assertTrue(Files.size(file) > (1L << 31));
    try (Safetensors f = Safetensors.open(file)) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          new float[] {1.5f, -2f, 3.25f, 4f}, f.readFloats("w"));
    }
  }
}
