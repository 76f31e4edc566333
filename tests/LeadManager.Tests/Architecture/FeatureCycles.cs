namespace LeadManager.Tests.Architecture;

/// <summary>Cycles in a small directed graph: one cycle per group of nodes that reach each other (Tarjan's strongly connected components).</summary>
public static class FeatureCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IEnumerable<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var groups = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = lowLink[node] = index.Count;
            stack.Push(node);
            foreach (var target in next.GetValueOrDefault(node, []))
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    lowLink[node] = Math.Min(lowLink[node], lowLink[target]);
                }
                else if (stack.Contains(target))
                {
                    lowLink[node] = Math.Min(lowLink[node], index[target]);
                }
            }

            if (lowLink[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != node);
                groups.Add(group);
            }
        }

        foreach (var node in nodes.Order(StringComparer.Ordinal).Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return groups.Where(g => g.Count > 1)
            .Select(g => ShortestCycleThrough(g.Min(StringComparer.Ordinal)!, g.ToHashSet(), next))
            .ToList();
    }

    // A breadth-first walk inside the group back to its first node gives a cycle a person can read.
    private static IReadOnlyList<string> ShortestCycleThrough(string start, HashSet<string> group, Dictionary<string, List<string>> next)
    {
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var target in next.GetValueOrDefault(node, []).Where(group.Contains))
            {
                if (target == start)
                {
                    var path = new List<string> { node };
                    while (path[^1] != start)
                    {
                        path.Add(cameFrom[path[^1]]);
                    }

                    path.Reverse();
                    return path;
                }

                if (cameFrom.TryAdd(target, node))
                {
                    queue.Enqueue(target);
                }
            }
        }

        throw new InvalidOperationException("A strongly connected group always has a cycle through each of its nodes.");
    }
}
