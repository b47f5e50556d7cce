package io.hitgov.shared.process;

import java.lang.reflect.Field;

/**
 * Reads the fields of Camunda's commands, which have no getters, for HITGov's command interceptors.
 * A field missing after a Camunda upgrade fails the engine's start, never a check silently.
 */
final class CamundaFields {

  private CamundaFields() {}

  static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no " + name + " field", e);
    }
  }

  static Object get(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  static String string(Field field, Object command) {
    return (String) get(field, command);
  }
}
