// The integration collections share one database and reset it per test, so they take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
