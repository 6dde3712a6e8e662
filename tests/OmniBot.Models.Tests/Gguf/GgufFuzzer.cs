using System.Buffers.Binary;
using OmniBot.Models.Gguf;
using Xunit.Sdk;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>
/// Corrupts a <see cref="GgufFuzzTarget"/> in seeded, repeatable ways and reads every variant. Each must
/// either read as a file whose invariants hold, or be rejected with <see cref="GgufFormatException"/>;
/// any other exception, or an allocation out of proportion to the file, fails the test.
/// </summary>
internal sealed class GgufFuzzer(GgufFuzzTarget target, int seed)
{
    // Reading allocates roughly in proportion to the bytes it consumes (strings, arrays, entries); a
    // count trusted before checking it against the file would blow far past this.
    private const int AllocationPerFileByte = 16;
    private const long AllocationAllowance = 16L << 20;

    private readonly Random _random = new(seed);

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public HashSet<string> RejectedRegions { get; } = [];

    public int Variants => Accepted + Rejected;

    /// <summary>Cuts the file inside every region (at its start, just after, in the middle, and just before its end) and at random points.</summary>
    public void Truncate(int randomCuts)
    {
        var cuts = new SortedSet<long>();
        foreach (var (_, start, end) in target.Regions)
        {
            cuts.UnionWith([start, start + 1, start + ((end - start) / 2), end - 1]);
        }

        for (var i = 0; i < randomCuts; i++)
        {
            cuts.Add(_random.NextInt64(0, target.StructureEnd + 64));
        }

        foreach (var cut in cuts.Where(cut => cut >= 0 && cut < target.Length))
        {
            var accepted = Read(cut, $"truncated to {cut} bytes");

            // A file cut before the end of its last tensor's data is incomplete, whatever the cut hit.
            Assert.False(accepted && cut < target.DataEnd, $"{target.Name} truncated to {cut} bytes (data ends at {target.DataEnd}) was accepted.");
        }
    }

    /// <summary>Flips 1 to 3 random bits before the end of the tensor infos, half of the time inside a length, count, type or offset field.</summary>
    public void FlipBits(int variants)
    {
        for (var i = 0; i < variants; i++)
        {
            var positions = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => PickPosition()).ToArray();
            var bits = positions.Select(_ => (byte)(1 << _random.Next(8))).ToArray();
            var description = $"bits flipped at {string.Join(", ", positions.Select((p, j) => $"{p}^0x{bits[j]:X2}"))}";
            Mutate(positions, bits, description);
        }
    }

    /// <summary>Overwrites length, count, type, dimension and offset fields (a kind at random, then a field of it) with absurd and borderline values.</summary>
    public void WriteAbsurdValues(int variants)
    {
        var kinds = target.Fields.Select(field => field.Kind).Distinct().ToArray();
        for (var i = 0; i < variants; i++)
        {
            var kind = kinds[_random.Next(kinds.Length)];
            var fields = target.Fields.Where(field => field.Kind == kind).ToArray();
            var field = fields[_random.Next(fields.Length)];
            var values = BorderlineValues(field.Position);
            Overwrite(field, values[_random.Next(values.Length)]);
        }
    }

    /// <summary>Sets every count (header counts, array lengths) to each value that could lure a reader into a huge allocation.</summary>
    public void WriteAbsurdCounts()
    {
        foreach (var field in target.Fields.Where(field => field.Kind == GgufFieldKind.Count))
        {
            var remaining = (ulong)(target.Length - field.Position);
            foreach (var value in new ulong[] { 1UL << 20, 1UL << 28, (ulong)Array.MaxLength, int.MaxValue, 1UL << 32, 1UL << 62, ulong.MaxValue, remaining / 8, remaining, remaining + 1 })
            {
                Overwrite(field, value);
            }
        }
    }

    private void Overwrite((long Position, int Size, GgufFieldKind Kind, string What) field, ulong value)
    {
        var bytes = target.Bytes.AsSpan((int)field.Position, field.Size);
        var original = bytes.ToArray();
        if (field.Size == 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)value));
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }

        try
        {
            Read(target.Length, $"{field.What} at {field.Position} set to {value}");
        }
        finally
        {
            original.CopyTo(target.Bytes.AsSpan((int)field.Position));
        }
    }

    private long PickPosition()
    {
        if (_random.Next(2) == 0)
        {
            var (position, size, _, _) = target.Fields[_random.Next(target.Fields.Count)];
            return position + _random.Next(size);
        }

        return _random.NextInt64(0, target.StructureEnd);
    }

    private ulong[] BorderlineValues(long position)
    {
        var remaining = (ulong)(target.Length - position);
        return
        [
            0, 1, 2, 3, 4, 5, 8, 9, 12, 13, 31, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 1 << 20, 1 << 24, 1 << 28, int.MaxValue,
            0x8000_0000, uint.MaxValue, 1UL << 32, 1UL << 40, 1UL << 62, long.MaxValue, 1UL << 63, ulong.MaxValue,
            (ulong)target.Length, remaining, remaining - 8, remaining + 1, (ulong)_random.NextInt64(),
        ];
    }

    private void Mutate(long[] positions, byte[] bits, string description)
    {
        foreach (var (position, bit) in positions.Zip(bits))
        {
            target.Bytes[position] ^= bit;
        }

        try
        {
            Read(target.Length, description);
        }
        finally
        {
            foreach (var (position, bit) in positions.Zip(bits).Reverse())
            {
                target.Bytes[position] ^= bit;
            }
        }
    }

    private bool Read(long length, string description)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        bool accepted;
        try
        {
            var file = GgufReader.Read(target.Open(length));
            GgufFileInvariants.AssertHold(file, length);
            Exercise(file);
            accepted = true;
            Accepted++;
        }
        catch (GgufFormatException error)
        {
            Assert.InRange(error.Offset, 0, length);
            Assert.False(string.IsNullOrEmpty(error.Problem));
            RejectedRegions.Add(error.Region.StartsWith("tensor", StringComparison.Ordinal) ? error.Region[..11] : error.Region.Split(' ')[0]);
            accepted = false;
            Rejected++;
        }
        catch (XunitException failure)
        {
            throw new XunitException($"{target.Name}, {description}: {failure.Message}", failure);
        }
        catch (Exception error)
        {
            throw new XunitException($"{target.Name}, {description}: threw {error.GetType().Name} instead of accepting or raising GgufFormatException.", error);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(
            allocated <= (AllocationPerFileByte * length) + AllocationAllowance,
            $"{target.Name}, {description}: reading allocated {allocated:N0} bytes for a {length:N0}-byte file.");
        return accepted;
    }

    /// <summary>Uses what a caller would use of an accepted file: the derived facts, the estimate and the values' text.</summary>
    private static void Exercise(GgufFile file)
    {
        var info = GgufModelInfo.FromFile(file);
        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: 4096, sequenceCount: 4);
        Assert.InRange(estimate.LayersThatFit(8L << 30), 0, estimate.LayerBytes.Count);
        foreach (var (_, value) in file.Metadata)
        {
            Assert.NotNull(value.ToDisplayString(4));
        }
    }
}
