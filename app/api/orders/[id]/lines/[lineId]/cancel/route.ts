// POST /api/orders/{id}/lines/{lineId}/cancel — drop a backordered line; its share of the hold is
// released behind the scenes.
import { type LineParams, answerLine } from '../answer';

export function POST(_request: Request, context: LineParams) {
  return answerLine(context, 'cancel');
}
