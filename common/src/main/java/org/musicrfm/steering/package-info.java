/**
 * Steering MusicGen with concept directions (MusicRFM §3.3 and Appendix E):
 * {@code h'_{t,l} = h_{t,l} + Σ_m η0_m · w_{l,m} · φ_m(t) · ψ_m(t, l) · q_{l,m}} added to the raw
 * output of decoder block {@code l}.
 *
 * <ul>
 *   <li>{@link org.musicrfm.steering.Schedule} φ(t) over decoding steps, {@link org.musicrfm.steering.Gate}
 *       ψ (seeded Bernoulli per step or per step and layer, or an explicit sequence),
 *       {@link org.musicrfm.steering.LayerWeighting} w from probe scores, {@link org.musicrfm.steering.CfgRows}
 *       (which classifier-free-guidance rows are steered).</li>
 *   <li>{@link org.musicrfm.steering.SteeringDirection}: one concept direction with its own knobs;
 *       {@link org.musicrfm.steering.SteeringPlan}: several directions at once, cross-fades; its
 *       {@link org.musicrfm.steering.SteeringHook} is the {@link org.musicrfm.model.BlockHook} a forward
 *       pass or a generation loop runs with.</li>
 *   <li>{@link org.musicrfm.steering.SteeringPack}: the portable direction file, one per concept
 *       (safetensors + JSON metadata, readable from Python), refused on an incompatible model.</li>
 *   <li>{@link org.musicrfm.steering.SteeredGenerator}: the runtime's
 *       {@link org.musicrfm.model.musicgen.MusicgenGenerator} under a plan.</li>
 *   <li>{@link org.musicrfm.steering.ChosenPacks} (packs chosen as {@code FILE[:class]}, checked against
 *       the model), {@link org.musicrfm.steering.SteeringKnobs} (per-pack knobs as given → a
 *       {@link org.musicrfm.steering.SteeringSpec}) and {@link org.musicrfm.steering.SteeredOutput} (a
 *       WAV's sidecar and up-to-date identity): what {@code steer} builds before it generates.</li>
 * </ul>
 *
 * Time convention (decided): position {@code p} of the decoder sequence is steered with the values of
 * the decoding step that produced it ({@link org.musicrfm.model.StepMap}, told to hooks by
 * {@link org.musicrfm.model.HookContext}), so decoding with and without the key/value cache agree. One decoding step per
 * audio frame: the model's frame rate ({@link org.musicrfm.steering.Steps#perSecond}, 50 for musicgen-small) per second.
 */
package org.musicrfm.steering;
