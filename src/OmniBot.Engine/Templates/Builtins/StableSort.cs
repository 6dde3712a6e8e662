namespace OmniBot.Engine.Templates.Builtins;

/// <summary>A stable merge sort (Python's <c>sorted</c> is stable) that lets a comparison's exception through unwrapped.</summary>
internal static class StableSort
{
    public static List<T> Sort<T>(List<T> items, Comparison<T> compare)
    {
        if (items.Count < 2)
        {
            return items;
        }

        var buffer = new T[items.Count];
        var source = items.ToArray();
        MergeSort(source, buffer, 0, source.Length, compare);
        return [.. source];
    }

    private static void MergeSort<T>(T[] items, T[] buffer, int start, int end, Comparison<T> compare)
    {
        if (end - start < 2)
        {
            return;
        }

        var middle = start + ((end - start) / 2);
        MergeSort(items, buffer, start, middle, compare);
        MergeSort(items, buffer, middle, end, compare);
        int left = start, right = middle, output = start;
        while (left < middle && right < end)
        {
            buffer[output++] = compare(items[right], items[left]) < 0 ? items[right++] : items[left++];
        }

        while (left < middle)
        {
            buffer[output++] = items[left++];
        }

        while (right < end)
        {
            buffer[output++] = items[right++];
        }

        Array.Copy(buffer, start, items, start, end - start);
    }
}
