/**
 * What people look at and listen to: line charts (PNG, JFreeChart, headless) and the sweep report,
 * a static HTML folder built from the sweep's and the evaluation's Parquet tables.
 */
package org.musicrfm.report;
