/**
 * Model runtime shared by the ports: device and dtype options, loading named weights onto a device,
 * small layers (linear, layer norm), memory scopes and the block hook used for steering.
 * Sub-packages hold the ports of Hugging Face's T5 encoder, EnCodec and MusicGen.
 */
package org.musicrfm.model;
