/// The shortest order for a small day, proven by dynamic programming over the sets of stops
/// visited (Held–Karp). With time windows a set and last stop keep every label not beaten on
/// both travel and clock, since arriving earlier can open a cheaper rest of the day.
struct ExactPlanner {
    let problem: RouteProblem

    private struct Label {
        let travel: Double
        let clock: Double
        let stop: Int
        let parent: Int
    }

    /// The best order that keeps every window, or nil when none does.
    func solve() -> [Int]? {
        let stops = problem.stops, count = stops.count
        guard count > 0 else { return [] }
        let full = (1 << count) - 1
        var labels: [Label] = []
        // frontier[mask * count + last] holds indices into `labels`.
        var frontier = [[Int]](repeating: [], count: (full + 1) * count)
        for k in 0..<count {
            guard let label = extend(nil, to: k) else { continue }
            labels.append(label)
            frontier[(1 << k) * count + k] = [labels.count - 1]
        }
        for mask in 1...full {
            for last in 0..<count where mask & (1 << last) != 0 {
                for index in frontier[mask * count + last] {
                    for next in 0..<count where mask & (1 << next) == 0 {
                        guard let label = extend(labels[index], parentIndex: index, to: next) else { continue }
                        let slot = (mask | (1 << next)) * count + next
                        if frontier[slot].contains(where: { dominates(labels[$0], label) }) { continue }
                        frontier[slot].removeAll { dominates(label, labels[$0]) }
                        labels.append(label)
                        frontier[slot].append(labels.count - 1)
                    }
                }
            }
        }
        var best: (cost: Double, index: Int)?
        for last in 0..<count {
            for index in frontier[full * count + last] {
                let label = labels[index]
                let cost = label.travel + (problem.end.map { problem.travel(stops[last], $0) } ?? 0)
                if best == nil || cost < best!.cost { best = (cost, index) }
            }
        }
        guard var index = best?.index else { return nil }
        var order: [Int] = []
        while index >= 0 {
            order.append(stops[labels[index].stop])
            index = labels[index].parent
        }
        return order.reversed()
    }

    private func extend(_ from: Label?, parentIndex: Int = -1, to next: Int) -> Label? {
        let place = problem.stops[next]
        let previous = from.map { problem.stops[$0.stop] } ?? problem.start
        let leg = problem.travel(previous, place)
        var clock = (from?.clock ?? problem.departure) + leg
        if let window = problem.windows[place] {
            clock = max(clock, window.opens)
            if clock > window.closes { return nil }
        }
        return Label(
            travel: (from?.travel ?? 0) + leg, clock: clock + problem.serviceSeconds[place], stop: next,
            parent: parentIndex)
    }

    private func dominates(_ a: Label, _ b: Label) -> Bool {
        a.travel <= b.travel + 1e-9 && (a.clock <= b.clock + 1e-9 || !problem.hasWindows)
    }
}
