/** The {@code classify} job: the classification benchmark of every method on each concept. */
package org.musicrfm.jobs.classify;
