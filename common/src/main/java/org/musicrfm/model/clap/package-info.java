/**
 * Port of Hugging Face's CLAP ({@code modeling_clap.py}, {@code feature_extraction_clap.py}) as
 * {@code laion/larger_clap_music} uses it: the log-mel feature extractor, the HTSAT (Swin) audio
 * encoder, the RoBERTa text encoder, their projections and the contrastive head
 * ({@link org.musicrfm.model.clap.ClapModel}), plus {@link org.musicrfm.model.clap.ClapEmbedder},
 * the batched embedding API the evaluation stage calls on executors.
 */
package org.musicrfm.model.clap;
