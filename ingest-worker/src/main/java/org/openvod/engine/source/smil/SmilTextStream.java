package org.openvod.engine.source.smil;

/**
 * One {@code <textstream>} of a .smil: an SRT sidecar file of subtitles.
 *
 * @param src the file's path as written (src or name)
 * @param language systemLanguage or language, or null
 * @param name subtitleName, or null
 */
record SmilTextStream(String src, String language, String name) {}
