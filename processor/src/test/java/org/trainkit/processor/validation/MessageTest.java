package org.trainkit.processor.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every message's declared arity is what its template uses, each argument shows in the text,
 * and a call with another number of arguments throws (the processor then reports its own bug, and
 * the negative test of that message fails).
 */
class MessageTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("%(?:(\\d+)\\$)?[sd]");

  @ParameterizedTest
  @EnumSource(Message.class)
  void declaredArityIsWhatTheTemplateUses(Message message) {
    Set<Integer> used = new HashSet<>();
    int sequential = 0;
    Matcher m = PLACEHOLDER.matcher(message.template());
    while (m.find()) {
      used.add(m.group(1) != null ? Integer.parseInt(m.group(1)) : ++sequential);
    }
    assertTrue(
        sequential == 0 || used.size() == sequential,
        message + " mixes positional and sequential placeholders");
    assertEquals(used.size(), message.arity(), message + ": declared arity");
    assertEquals(
        IntStream.rangeClosed(1, used.size()).boxed().toList(),
        used.stream().sorted().toList(),
        message + " skips an argument position");
  }

  @ParameterizedTest
  @EnumSource(Message.class)
  void everyArgumentShowsAndAnotherCountThrows(Message message) {
    // %d takes a number: 1000 + its position, still easy to find in the text
    String template = message.template();
    Object[] arguments =
        IntStream.range(0, message.arity())
            .mapToObj(i -> isNumber(template, i) ? (Object) (1000 + i) : "<arg" + i + ">")
            .toArray();
    String text = message.format(arguments);
    assertTrue(text.startsWith("[" + message.id() + "] "), text);
    for (Object argument : arguments) {
      assertTrue(text.contains(argument.toString()), message + " drops " + argument + ": " + text);
    }
    assertThrows(IllegalArgumentException.class, () -> message.format(append(arguments, "extra")));
    if (arguments.length > 0) {
      Object[] fewer = java.util.Arrays.copyOf(arguments, arguments.length - 1);
      assertThrows(IllegalArgumentException.class, () -> message.format(fewer));
    }
  }

  /** True when argument {@code index} (from 0) is formatted with {@code %d}. */
  private static boolean isNumber(String template, int index) {
    Matcher m = PLACEHOLDER.matcher(template);
    int sequential = 0;
    while (m.find()) {
      int position = m.group(1) != null ? Integer.parseInt(m.group(1)) : ++sequential;
      if (position == index + 1) {
        return m.group().endsWith("d");
      }
    }
    return false;
  }

  private static Object[] append(Object[] arguments, Object extra) {
    Object[] more = java.util.Arrays.copyOf(arguments, arguments.length + 1);
    more[arguments.length] = extra;
    return more;
  }
}
