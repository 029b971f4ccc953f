using Hotline95.Core.Compliance;
using Hotline95.Core.Monitoring;
using Hotline95.Text;

namespace Hotline95.IntegrationTests;

/// <summary>An alert's evidence as its reader sees it: the stored phrase written from the server's catalog.</summary>
internal static class AlertEvidence
{
    public static string EvidenceText(this RedLineAlert alert, bool english = true) => ServerText.Render(RedLineAlertView.From(alert).Evidence, english);

    public static string EvidenceText(this MonitoringAlert alert, bool english = true) => ServerText.Render(AlertView.From(alert).Evidence, english);
}
