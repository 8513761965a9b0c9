package org.musicrfm.activations;

import java.io.Serializable;

/** A label column carried from the dataset table into the activation table; type is a Java class name. */
public record LabelColumn(String name, String type) implements Serializable {

    public static final String STRING = "string";
    public static final String INT = "int";
    public static final String LONG = "long";
    public static final String DOUBLE = "double";
    public static final String BOOLEAN = "boolean";
    public static final String FLOAT = "float";
}
