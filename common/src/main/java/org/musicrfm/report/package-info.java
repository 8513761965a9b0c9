/** Plots of results people would rather look at than read (PNG, drawn with Java2D, headless). */
package org.musicrfm.report;
