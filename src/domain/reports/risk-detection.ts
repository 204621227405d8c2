export { detectRisk, type RiskFinding, type RiskLevel, type RiskSignal } from "../risk/detect.js";
