/** Executor-side state shared by the tasks of one JVM, for any job: loaded models. */
package org.musicrfm.runtime;
