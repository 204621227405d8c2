// The rights library as lists that flows draw from (see ChoiceList in domain/choices.ts): the
// themes, the topics (tagged with their theme and where «This is happening to me» leads), and the
// quiz's questions (tagged with the right option), so "My rights" and the quiz are flows (data).
import type { ChoiceList } from "../choice-list.js";
import { topicGroups, type RightsLibrary } from "./library.js";

export function rightsLists(library: RightsLibrary): Record<"topic_groups" | "topics" | "quiz", ChoiceList> {
  return {
    topic_groups: { items: topicGroups.map((group) => ({ id: group, label: `rights:ui.groups.${group}` })) },
    topics: {
      idsFromItems: true,
      items: library.topics.map((topic) => ({
        id: topic.id,
        label: `rights:topics.${topic.id}.title`,
        // "none": a topic that is knowledge only (no «This is happening to me» button).
        tags: { group: topic.group, happening: topic.report ? topic.happening : "none" },
      })),
    },
    quiz: {
      items: library.quiz.map((q) => ({
        id: q.id,
        label: `rights:quiz.${q.id}.question`,
        tags: { correct: String(q.correct), indicator: q.indicator },
      })),
    },
  };
}
