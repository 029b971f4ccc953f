using System.Buffers.Binary;

namespace Hotline95.Testing;

/// <summary>Real audio for recording tests: a PCM WAV file (8 kHz, 16-bit mono, a 440 Hz tone), as a PBX writes them.</summary>
public static class TestAudio
{
    public static byte[] Wav(int dataBytes = 200 * 1024)
    {
        var wav = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);     // fmt chunk size
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);      // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);      // mono
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 8000);   // sample rate
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 16000);  // byte rate
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);      // block align
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);     // bits per sample
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataBytes);
        for (var i = 0; i + 1 < dataBytes; i += 2)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + i), (short)(8000 * Math.Sin(2 * Math.PI * 440 * (i / 2) / 8000.0)));
        }

        return wav;
    }
}
