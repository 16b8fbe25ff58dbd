/**
 * The scenarios this build carries for training. Static JSON imports put them in
 * the training chunk, and so in the offline precache; a test fails when a file
 * in questionnaires/scenarios/ is missing from this list.
 * To add a scenario: write questionnaires/scenarios/<id>.json (see README) and list it below.
 */
import { parseScenario, type Scenario } from './scenarios';
import agreedButDeceivedDomesticWorker from '../../questionnaires/scenarios/agreed-but-deceived-domestic-worker.json';
import childDomesticServitude from '../../questionnaires/scenarios/child-domestic-servitude.json';
import childrenForcedBegging from '../../questionnaires/scenarios/children-forced-begging.json';
import deceivedWorkshopWorkerPossible from '../../questionnaires/scenarios/deceived-workshop-worker-possible.json';
import disputedAgeCafeBoy from '../../questionnaires/scenarios/disputed-age-cafe-boy.json';
import farmWorkersLabourLaw from '../../questionnaires/scenarios/farm-workers-labour-law.json';
import forcedMarriageFatherPaid from '../../questionnaires/scenarios/forced-marriage-father-paid.json';
import groupOthersStillInside from '../../questionnaires/scenarios/group-others-still-inside.json';
import interceptedBeforeExploitation from '../../questionnaires/scenarios/intercepted-before-exploitation.json';
import kidneySaleBroker from '../../questionnaires/scenarios/kidney-sale-broker.json';
import littleInformationInsufficient from '../../questionnaires/scenarios/little-information-insufficient.json';
import onlineScamCompound from '../../questionnaires/scenarios/online-scam-compound.json';
import safeHouseTravelDebt from '../../questionnaires/scenarios/safe-house-travel-debt.json';
import smuggledManFreeOnArrival from '../../questionnaires/scenarios/smuggled-man-free-on-arrival.json';
import teenSummerJobNotIndicated from '../../questionnaires/scenarios/teen-summer-job-not-indicated.json';
import thirdPartyReportVideo from '../../questionnaires/scenarios/third-party-report-video.json';
import thresholdDisputedDomesticWorker from '../../questionnaires/scenarios/threshold-disputed-domestic-worker.json';
import traffickedAsChildNowAdult from '../../questionnaires/scenarios/trafficked-as-child-now-adult.json';
import unknownAgeAdultBeggingDisability from '../../questionnaires/scenarios/unknown-age-adult-begging-disability.json';
import urgentNeedsInterviewPaused from '../../questionnaires/scenarios/urgent-needs-interview-paused.json';

const DIR = 'questionnaires/scenarios';
export const SCENARIO_SOURCES: readonly { file: string; json: unknown }[] = [
  { file: `${DIR}/agreed-but-deceived-domestic-worker.json`, json: agreedButDeceivedDomesticWorker as unknown },
  { file: `${DIR}/child-domestic-servitude.json`, json: childDomesticServitude as unknown },
  { file: `${DIR}/children-forced-begging.json`, json: childrenForcedBegging as unknown },
  { file: `${DIR}/deceived-workshop-worker-possible.json`, json: deceivedWorkshopWorkerPossible as unknown },
  { file: `${DIR}/disputed-age-cafe-boy.json`, json: disputedAgeCafeBoy as unknown },
  { file: `${DIR}/farm-workers-labour-law.json`, json: farmWorkersLabourLaw as unknown },
  { file: `${DIR}/forced-marriage-father-paid.json`, json: forcedMarriageFatherPaid as unknown },
  { file: `${DIR}/group-others-still-inside.json`, json: groupOthersStillInside as unknown },
  { file: `${DIR}/intercepted-before-exploitation.json`, json: interceptedBeforeExploitation as unknown },
  { file: `${DIR}/kidney-sale-broker.json`, json: kidneySaleBroker as unknown },
  { file: `${DIR}/little-information-insufficient.json`, json: littleInformationInsufficient as unknown },
  { file: `${DIR}/online-scam-compound.json`, json: onlineScamCompound as unknown },
  { file: `${DIR}/safe-house-travel-debt.json`, json: safeHouseTravelDebt as unknown },
  { file: `${DIR}/smuggled-man-free-on-arrival.json`, json: smuggledManFreeOnArrival as unknown },
  { file: `${DIR}/teen-summer-job-not-indicated.json`, json: teenSummerJobNotIndicated as unknown },
  { file: `${DIR}/third-party-report-video.json`, json: thirdPartyReportVideo as unknown },
  { file: `${DIR}/threshold-disputed-domestic-worker.json`, json: thresholdDisputedDomesticWorker as unknown },
  { file: `${DIR}/trafficked-as-child-now-adult.json`, json: traffickedAsChildNowAdult as unknown },
  { file: `${DIR}/unknown-age-adult-begging-disability.json`, json: unknownAgeAdultBeggingDisability as unknown },
  { file: `${DIR}/urgent-needs-interview-paused.json`, json: urgentNeedsInterviewPaused as unknown },
];

let cache: Scenario[] | undefined;

/** Every built-in scenario, validated (a broken file names itself and its field). */
export function builtInScenarios(): Scenario[] {
  cache ??= SCENARIO_SOURCES.map((source) => parseScenario(source.json, source.file));
  return cache;
}
