/**
 * H5P.ElearnCheck: a one-question check written for this project's tests.
 *
 * The learner picks one option (radio buttons in a fieldset, usable with the keyboard) and presses
 * the check button; the content then triggers a scored xAPI "answered" statement through
 * H5P.EventDispatcher's helpers, carrying a "choice" interaction definition and the response.
 * getCurrentState() lets the host save the chosen option so the learner can resume.
 */
var H5P = window.H5P = window.H5P || {};

H5P.ElearnCheck = (function (EventDispatcher) {
  'use strict';

  var instanceCount = 0;

  /**
   * @param {Object} params content.json: question, options[{text, correct}], labels.
   * @param {number|string} contentId
   * @param {Object} [extras] previousState, metadata, parent...
   */
  function ElearnCheck(params, contentId, extras) {
    EventDispatcher.call(this);
    instanceCount += 1;
    this.params = params || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.options = Array.isArray(this.params.options) ? this.params.options : [];
    this.idPrefix = 'h5p-elearn-check-' + instanceCount;
    this.answered = false;

    var previous = this.extras.previousState || {};
    this.selected = typeof previous.answer === 'number' && previous.answer >= 0 &&
      previous.answer < this.options.length ? previous.answer : null;

    // Own xAPI listeners run before the event bubbles to H5P.externalDispatcher: describe the
    // interaction and the learner's response on the "answered" statement.
    this.on('xAPI', this.describeStatement, this);
  }

  ElearnCheck.prototype = Object.create(EventDispatcher.prototype);
  ElearnCheck.prototype.constructor = ElearnCheck;

  /** Score: 1 when the chosen option is marked correct. */
  ElearnCheck.prototype.getScore = function () {
    var option = this.selected === null ? null : this.options[this.selected];
    return option && option.correct === true ? 1 : 0;
  };

  ElearnCheck.prototype.getMaxScore = function () {
    return 1;
  };

  ElearnCheck.prototype.getAnswerGiven = function () {
    return this.selected !== null;
  };

  /** What the host saves between visits (H5P user data "state"). */
  ElearnCheck.prototype.getCurrentState = function () {
    return {answer: this.selected === null ? -1 : this.selected};
  };

  ElearnCheck.prototype.resetTask = function () {
    this.selected = null;
    this.answered = false;
    if (this.inputs) {
      this.inputs.forEach(function (input) { input.checked = false; });
      this.feedback.textContent = '';
    }
  };

  ElearnCheck.prototype.correctIndexes = function () {
    var result = [];
    this.options.forEach(function (option, index) {
      if (option && option.correct === true) {
        result.push(String(index));
      }
    });
    return result;
  };

  /** Adds the "choice" interaction definition and the response to this content's statements. */
  ElearnCheck.prototype.describeStatement = function (event) {
    var statement = event.data && event.data.statement;
    if (!statement || !statement.verb || !/\/answered$/.test(statement.verb.id || '')) {
      return;
    }
    var definition = statement.object.definition = statement.object.definition || {};
    definition.type = 'http://adlnet.gov/expapi/activities/cmi.interaction';
    definition.interactionType = 'choice';
    definition.description = {'en-US': this.params.question || ''};
    definition.correctResponsesPattern = [this.correctIndexes().join('[,]')];
    definition.choices = this.options.map(function (option, index) {
      return {id: String(index), description: {'en-US': (option && option.text) || ''}};
    });
    statement.result = statement.result || {};
    statement.result.response = this.selected === null ? '' : String(this.selected);
  };

  /** Checks the answer and reports it: a scored xAPI "answered" statement. */
  ElearnCheck.prototype.check = function () {
    if (this.selected === null) {
      this.feedback.textContent = this.params.chooseText || 'Hãy chọn một phương án.';
      return;
    }
    var score = this.getScore();
    var maxScore = this.getMaxScore();
    var success = score === maxScore;
    this.answered = true;
    this.feedback.textContent = success ?
      (this.params.correctText || 'Chính xác!') :
      (this.params.wrongText || 'Chưa đúng, hãy thử lại.');
    this.triggerXAPIScored(score, maxScore, 'answered', true, success);
  };

  /**
   * Renders the question into the container H5P gives (a jQuery object or an element).
   * @param {H5P.jQuery|HTMLElement} $container
   */
  ElearnCheck.prototype.attach = function ($container) {
    var self = this;
    var container = $container && $container.get ? $container.get(0) : $container;
    container.classList.add('h5p-elearn-check');
    container.textContent = '';

    var fieldset = document.createElement('fieldset');
    fieldset.className = 'h5p-elearn-check-question';
    var legend = document.createElement('legend');
    legend.textContent = this.params.question || '';
    fieldset.appendChild(legend);

    this.inputs = this.options.map(function (option, index) {
      var id = self.idPrefix + '-option-' + index;
      var row = document.createElement('div');
      row.className = 'h5p-elearn-check-option';
      var input = document.createElement('input');
      input.type = 'radio';
      input.name = self.idPrefix;
      input.id = id;
      input.value = String(index);
      input.checked = self.selected === index;
      input.addEventListener('change', function () {
        self.selected = index;
        self.setActivityStarted();
      });
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = (option && option.text) || '';
      row.appendChild(input);
      row.appendChild(label);
      fieldset.appendChild(row);
      return input;
    });
    container.appendChild(fieldset);

    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'h5p-elearn-check-button';
    button.textContent = this.params.checkLabel || 'Kiểm tra';
    button.addEventListener('click', function () { self.check(); });
    container.appendChild(button);

    this.feedback = document.createElement('p');
    this.feedback.className = 'h5p-elearn-check-feedback';
    this.feedback.setAttribute('role', 'status');
    this.feedback.setAttribute('aria-live', 'polite');
    container.appendChild(this.feedback);

    this.trigger('resize');
  };

  return ElearnCheck;
})(H5P.EventDispatcher);
