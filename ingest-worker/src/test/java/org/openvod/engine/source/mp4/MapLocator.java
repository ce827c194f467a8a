package org.openvod.engine.source.mp4;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/** A source whose files are byte arrays by path: handy for crafted and corrupted inputs. */
public final class MapLocator implements SourceLocator {
  private final Map<String, byte[]> files = new HashMap<>();
  public final java.util.List<String> opened = new java.util.ArrayList<>();

  public MapLocator put(String path, byte[] data) {
    files.put(path, data);
    return this;
  }

  public MapLocator put(String path, String text) {
    return put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public ByteSource open(String path) throws PackagingException {
    opened.add(path);
    byte[] data = files.get(path);
    if (data == null) {
      throw new PackagingException(PackagingException.Reason.MISSING_SOURCE, path + " not found");
    }
    return Mp4TestMedia.bytes(data);
  }
}
