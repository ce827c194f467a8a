package org.openvod.engine.source.smil;

import java.util.List;

/**
 * One media file a .smil lists (a {@code <video>} or {@code <audio>} element).
 *
 * @param src the file's path as written (src or name attribute)
 * @param languages systemLanguage or language, split at commas: one per audio track
 * @param audioNames audioName split at commas
 * @param includeAudio includeAudio split at commas
 */
record SmilEntry(
    String src, List<String> languages, List<String> audioNames, List<Boolean> includeAudio) {}
