package org.trainkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pom README gives a user is the starter's, which the build compiles and tests
 * (starter-check), and it names the versions this build has.
 */
class StarterPomTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(m.find(), name + " in\n" + pom);
    return m.group(1);
  }

  @Test
  void readmeShowsTheStartersPomWordForWord() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String starter = Files.readString(ROOT.resolve("examples/starter/pom.xml"));
    int section = readme.indexOf("## Use trainkit in your project");
    assertTrue(section >= 0, "README has no section 'Use trainkit in your project'");
    int start = readme.indexOf("```xml\n", section) + "```xml\n".length();
    int end = readme.indexOf("```", start);
    assertEquals(starter, readme.substring(start, end));
  }

  @Test
  void theStarterUsesThisBuildsVersions() throws Exception {
    String starter = Files.readString(ROOT.resolve("examples/starter/pom.xml"));
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    Matcher version = Pattern.compile(
        "<artifactId>trainkit-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parent);
    assertTrue(version.find());
    assertEquals(version.group(1), property(starter, "trainkit.version"));
    assertEquals(property(parent, "dagger.version"), property(starter, "dagger.version"));
    assertEquals(pluginVersion(parent, "maven-compiler-plugin"), pluginVersion(starter, "maven-compiler-plugin"));
    assertEquals(pluginVersion(parent, "maven-surefire-plugin"), pluginVersion(starter, "maven-surefire-plugin"));
  }

  private static String pluginVersion(String pom, String plugin) {
    Matcher m = Pattern.compile(plugin + "</artifactId>\\s*<version>([^<]+)</").matcher(pom);
    assertTrue(m.find(), plugin + " has no version in\n" + pom);
    return m.group(1);
  }
}
