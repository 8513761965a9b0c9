/** The report job: sweep and evaluation tables to a static HTML folder. */
package org.musicrfm.jobs.report;
