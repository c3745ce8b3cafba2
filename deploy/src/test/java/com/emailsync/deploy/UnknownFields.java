package com.emailsync.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a manifest its typed model does not know. fabric8's and Strimzi's models never refuse one: they keep it
 * in an {@code additionalProperties} map, where a misspelt {@code readinesProbe} or a field of the wrong kind's spec
 * would pass unseen, and the API server would drop or refuse it. This walks every model object reachable from the
 * manifest and names each such field by its path.
 */
final class UnknownFields {

  private static final String ADDITIONAL_PROPERTIES = "additionalProperties";

  private final List<String> found = new ArrayList<>();
  private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private UnknownFields() {}

  /** Paths such as {@code spec.template.spec.containers[0].readinesProbe}; empty when the model knows every field. */
  static List<String> in(Object model) {
    var walk = new UnknownFields();
    walk.visit(model, "");
    return List.copyOf(walk.found);
  }

  private void visit(Object value, String path) {
    switch (value) {
      case null -> {}
      case Map<?, ?> map -> map.forEach((key, entry) -> visit(entry, join(path, String.valueOf(key))));
      case Collection<?> items -> {
        int index = 0;
        for (Object item : items) {
          visit(item, path + "[" + index++ + "]");
        }
      }
      default -> {
        if (isModel(value.getClass()) && seen.add(value)) {
          visitFields(value, path);
        }
      }
    }
  }

  private void visitFields(Object model, String path) {
    for (Class<?> type = model.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value = read(field, model);
        if (field.getName().equals(ADDITIONAL_PROPERTIES) && value instanceof Map<?, ?> unknown) {
          unknown.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
        } else {
          visit(value, join(path, jsonName(field)));
        }
      }
    }
  }

  /** Classes of the two models; anything else (strings, numbers, enums) holds no field to check. */
  private static boolean isModel(Class<?> type) {
    String name = type.getName();
    return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api.");
  }

  private static Object read(Field field, Object model) {
    try {
      field.setAccessible(true);
      return field.get(model);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  private static String jsonName(Field field) {
    JsonProperty property = field.getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : field.getName();
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
