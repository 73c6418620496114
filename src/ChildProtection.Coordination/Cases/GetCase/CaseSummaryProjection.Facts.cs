namespace ChildProtection.Coordination.Cases.GetCase;

public partial class CaseSummaryProjection
{
    private static void ReportFacts(CaseSummary s, CaseReported r)
    {
        s.CaseType = r.CaseType;
        s.Setting = r.Incident.Setting;
        s.SexualAbuseTypes = r.Incident.SexualAbuseTypes;
        s.Carers = r.Carers;
        s.OwningCommune = r.Incident.Commune;
    }

    public void Apply(CaseTransferred e, CaseSummary s)
    {
        s.OwningCommune = e.ToCommune;
        // The case moves because the child did: the child now lives in the new commune.
        s.Child = s.Child with { CommuneOfResidence = e.ToCommune };
        s.Transfers.Add(new CaseTransferSummary(e.FromCommune, e.FromProvince, e.ToCommune, e.ToProvince, e.TransferredAt, e.Reason));
        if (e.TransferredAt > s.LastStepAt) s.LastStepAt = e.TransferredAt;
    }

    public void Apply(SpecialCircumstanceEstablished e, CaseSummary s) =>
        s.SpecialCircumstances.Add(new SpecialCircumstancePeriod(e.Group, e.EstablishedOn, Basis: e.Basis, SealedGroup: e.SealedGroup));

    public void Apply(SpecialCircumstanceEnded e, CaseSummary s)
    {
        var i = s.SpecialCircumstances.FindLastIndex(p => p.Group == e.Group && p.SealedGroup == e.SealedGroup && p.EndedOn is null);
        if (i >= 0) s.SpecialCircumstances[i] = s.SpecialCircumstances[i] with { EndedOn = e.EndedOn };
    }
}
