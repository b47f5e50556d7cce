package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * Delegates and listeners are glue between a model and a feature's service: no method of theirs
 * spans more than {@value #MAX_LINES} source lines (docs/conventions.md). Measured on the compiled
 * classes: the span of a method's line-number table (first to last line with code), lambdas
 * counted where they are written.
 */
class GlueMethodLengthTest {

  static final int MAX_LINES = 20;

  @Test
  void no_delegate_or_listener_method_is_longer_than_twenty_lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    List<JavaClass> glue = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.hitgov").stream()
        .filter(c -> c.isAssignableTo(JavaDelegate.class) || c.isAssignableTo(TaskListener.class)
            || c.isAssignableTo(ExecutionListener.class))
        .toList();
    for (JavaClass javaClass : glue) {
      tooLong.addAll(longMethods(javaClass.getName()));
    }
    assertThat(glue).as("delegates and listeners found").hasSizeGreaterThan(20);
    assertThat(tooLong).as("methods of delegates and listeners over " + MAX_LINES + " lines").isEmpty();
  }

  private static List<String> longMethods(String className) throws IOException {
    List<String> found = new ArrayList<>();
    try (InputStream in = GlueMethodLengthTest.class.getClassLoader()
        .getResourceAsStream(className.replace('.', '/') + ".class")) {
      new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
          return (access & Opcodes.ACC_SYNTHETIC) != 0 ? null : new Span(className + "." + name, found);
        }
      }, ClassReader.SKIP_FRAMES);
    }
    return found;
  }

  /** The first and last line of one method's code. */
  private static final class Span extends MethodVisitor {
    private final String method;
    private final List<String> found;
    private int first = Integer.MAX_VALUE;
    private int last;

    Span(String method, List<String> found) {
      super(Opcodes.ASM9);
      this.method = method;
      this.found = found;
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      first = Math.min(first, line);
      last = Math.max(last, line);
    }

    @Override
    public void visitEnd() {
      if (last - first + 1 > MAX_LINES) {
        found.add(method + " spans " + (last - first + 1) + " lines");
      }
    }
  }
}
